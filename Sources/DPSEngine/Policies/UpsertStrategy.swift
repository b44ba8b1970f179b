import Foundation

/// How an import creates records that are new and replaces those that already exist.
///
/// The bulk API has no create-or-update mode: `create` fails per item with 409 (`errorCode` 409xxx) on an
/// existing identifier, and `update` replaces. So an upsert of one batch is
/// 1. a bulk `create` of the whole batch, then
/// 2. when some items failed with 409, a bulk `update` of exactly those items (``BulkItemDecision/update``).
///
/// Cost: 1 operation per batch of 10 when all are new, 2 when some already exist
/// (``operations(forRecords:existingShare:batchSize:)``).
/// The two calls are not atomic: a record deleted by someone else in between fails the update with 404, and is
/// reported like any other failed record.
public enum UpsertStrategy {
    /// The expected number of billable operations to upsert `records` records.
    ///
    /// Each batch costs 1 operation when all its items are new and 2 when some already exist. Assuming the
    /// existing records are spread at random with probability `existingShare`, a batch of `s` items needs the
    /// second call with probability `1 − (1 − existingShare)^s`; the sum over the batches is rounded up. So 0 gives
    /// `⌈records / batchSize⌉` and 1 gives twice that. Existing records that come in runs cost less, down to
    /// `⌈records / batchSize⌉ + ⌈existing / batchSize⌉`.
    ///
    /// - Throws: ``PolicyError/Code/invalidEstimateInput`` for a negative count or a share outside `0...1`,
    ///   ``PolicyError/Code/invalidBatchSize`` for a batch size outside `1...10`.
    public static func operations(
        forRecords records: Int,
        existingShare: Double,
        batchSize: Int = BatchPlan.bulkLimit
    ) throws(PolicyError) -> Int {
        guard records >= 0 else {
            throw PolicyError(.invalidEstimateInput, "the number of records cannot be negative (got \(records))")
        }
        guard (0...1).contains(existingShare) else {
            throw PolicyError(.invalidEstimateInput, "the share of existing records must be between 0 and 1")
        }
        guard (1...BatchPlan.bulkLimit).contains(batchSize) else {
            throw PolicyError(.invalidBatchSize, "the batch size must be between 1 and \(BatchPlan.bulkLimit)")
        }
        let fullBatches = records / batchSize
        let remainder = records % batchSize
        let batches = fullBatches + (remainder > 0 ? 1 : 0)
        func secondCall(_ size: Int) -> Double { 1 - pow(1 - existingShare, Double(size)) }
        let updates = Double(fullBatches) * secondCall(batchSize) + (remainder > 0 ? secondCall(remainder) : 0)
        // Shave rounding noise so that an exact whole number is not rounded up by one.
        return batches + Int((updates - 1e-9).rounded(.up))
    }
}
