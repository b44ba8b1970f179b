import Foundation

/// What an import would cost: billable operations, and the time they take at a given quota.
///
/// Every bulk call is one billable operation. Individual enrollments and enrollment groups go in separate bulk
/// calls of up to `batchSize` items each. `create` and `update` cost one call per batch; `upsert` costs one more
/// for each batch with existing items (see ``UpsertStrategy/operations(forRecords:existingShare:batchSize:)``).
/// A `create` reads each record that already exists once, to tell "already enrolled" from a conflict
/// (``BulkItemDecision``): up to ``maximumReads`` more operations, none when every record is new.
/// The duration is the operations divided by the rate, rounded up to the whole minute; a service whose quota
/// bucket is full at the start lets up to a minute's worth through at once, so a real run can be that much shorter.
public struct DryRunEstimate: Sendable, Hashable {
    /// The bulk mode of an import.
    public enum Mode: Sendable, Hashable {
        /// Bulk `create`: existing records fail with 409.
        case create
        /// Bulk `update`: every record replaces an existing one.
        case update
        /// `create`, then `update` of the conflicts. `existingShare` (in `0...1`) is the expected share of records
        /// that already exist: 0 for the best case, 1 for the worst.
        case upsert(existingShare: Double)
    }

    /// The billable operations (bulk calls).
    public let operations: Int
    /// The whole minutes those operations take at the rate, rounded up.
    public let minutes: Int
    /// The most reads a `create` adds (one per record that already exists); 0 for the other modes.
    public let maximumReads: Int

    /// Estimates an import.
    ///
    /// - Parameters:
    ///   - records: Valid individual enrollments to import.
    ///   - groups: Valid enrollment groups to import.
    ///   - mode: The bulk mode.
    ///   - operationsPerMinute: The quota or the `--operations-per-minute` figure.
    ///   - batchSize: Items per bulk call, in `1...10`.
    /// - Throws: ``PolicyError`` for negative counts, a share outside `0...1`, a batch size outside `1...10`, or a
    ///   rate that is not positive and finite.
    public init(
        records: Int,
        groups: Int,
        mode: Mode,
        operationsPerMinute: Double,
        batchSize: Int = BatchPlan.bulkLimit
    ) throws(PolicyError) {
        guard operationsPerMinute.isFinite, operationsPerMinute > 0 else {
            throw PolicyError(.invalidRate, "the operations per minute must be a positive number")
        }
        guard groups >= 0 else {
            throw PolicyError(.invalidEstimateInput, "the number of groups cannot be negative (got \(groups))")
        }
        let existingShare: Double
        switch mode {
        case .create, .update: existingShare = 0
        case .upsert(let share): existingShare = share
        }
        maximumReads = mode == .create ? records + groups : 0
        operations =
            try UpsertStrategy.operations(forRecords: records, existingShare: existingShare, batchSize: batchSize)
            + UpsertStrategy.operations(forRecords: groups, existingShare: existingShare, batchSize: batchSize)
        let exactMinutes = Double(operations) / operationsPerMinute
        // Shave rounding noise so that an exact whole number of minutes is not rounded up by one.
        minutes = Int(min(Double(Int.max / 2), (exactMinutes - 1e-9).rounded(.up)))
    }

    /// The duration for people, such as "1 h 40 min", "2 h" or "45 min".
    public var duration: String { Self.describe(minutes: minutes) }

    /// Writes whole minutes as hours and minutes: "0 min", "45 min", "2 h", "1 h 40 min", "83 h 20 min".
    public static func describe(minutes: Int) -> String {
        let minutes = max(0, minutes)
        let hours = minutes / 60
        let rest = minutes % 60
        switch (hours, rest) {
        case (0, _): return "\(rest) min"
        case (_, 0): return "\(hours) h"
        default: return "\(hours) h \(rest) min"
        }
    }
}
