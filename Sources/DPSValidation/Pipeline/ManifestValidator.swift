import DPSManifest
import Foundation

/// Validates manifests: reads records on the calling task, checks them with the rules on all cores, and hands
/// them back in manifest order after the duplicate check.
///
/// Memory stays bounded whatever the file size: at most `maximumBatchesInFlight` batches exist at once, each of
/// at most `batchSize` records and ``maximumBatchBytes`` of raw text (plus the one record that crossed it), plus
/// the duplicate tables (about 15 bytes a key).
public struct ManifestValidator: Sendable {
    /// The rules to run on every record.
    public var rules: [any ValidationRule]
    /// The time and other facts of the run.
    public var context: ValidationContext
    /// Records per unit of parallel work.
    public var batchSize: Int
    /// Batches being checked at once.
    public var maximumBatchesInFlight: Int
    /// The raw bytes (``RawRecord/approximateBytes``) after which a batch is closed early (1 MiB).
    public static let maximumBatchBytes = 1 << 20

    public init(
        rules: [any ValidationRule] = StandardRules.all,
        context: ValidationContext = ValidationContext(),
        batchSize: Int = 256,
        maximumBatchesInFlight: Int = 2 * ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.rules = rules
        self.context = context
        self.batchSize = batchSize
        self.maximumBatchesInFlight = max(1, maximumBatchesInFlight)
    }

    /// Checks one record with the rules (no duplicate check).
    public func check(_ record: ManifestRecord) -> (ValidatedRecord, DuplicateKeys?) {
        var sink = FindingSink(source: record.source, identifier: record.identifier)
        sink.append(contentsOf: record.readFindings)
        var keys: DuplicateKeys?
        if let entry = record.entry {
            for rule in rules {
                rule.check(entry, context: context, findings: &sink)
            }
            keys = DuplicateKeys(entry)
        }
        return (ValidatedRecord(record: record, findings: sink.findings), keys)
    }

    /// Validates every record of `reader`, calling `body` with each in manifest order.
    ///
    /// `duplicates` carries the duplicate state across the manifests of one run.
    public func validate(
        _ reader: ManifestReader,
        duplicates: inout DuplicateDetector,
        _ body: (ValidatedRecord) throws -> Void
    ) async throws -> ValidationSummary {
        var summary = ValidationSummary()
        let mapper = reader.mapper
        try await withThrowingTaskGroup(of: (Int, [(ValidatedRecord, DuplicateKeys?)]).self) { group in
            var nextToIssue = 0
            var nextToEmit = 0
            var finished: [Int: [(ValidatedRecord, DuplicateKeys?)]] = [:]
            var exhausted = false
            var recordsRead = 0

            // In place: copying each record out of the batch would retain and release every string in it.
            func emit(_ results: inout [(ValidatedRecord, DuplicateKeys?)]) throws {
                for index in results.indices {
                    if index % Self.prefetchGroup == 0 {
                        for ahead in index..<min(index + Self.prefetchGroup, results.count) {
                            if let keys = results[ahead].1 { duplicates.prefetch(keys) }
                        }
                    }
                    if let keys = results[index].1, let entry = results[index].0.record.entry {
                        let record = results[index].0.record
                        var sink = FindingSink(source: record.source, identifier: record.identifier)
                        duplicates.check(keys, of: entry, at: record.source, findings: &sink)
                        if !sink.findings.isEmpty { results[index].0.findings += sink.findings }
                    }
                    summary.add(results[index].0)
                    try body(results[index].0)
                }
            }

            while !exhausted || nextToEmit < nextToIssue {
                while !exhausted && nextToIssue - nextToEmit < maximumBatchesInFlight {
                    var batch: [RawRecord] = []
                    batch.reserveCapacity(batchSize)
                    var batchBytes = 0
                    while batch.count < batchSize, batchBytes < Self.maximumBatchBytes,
                        let raw = try reader.nextRaw()
                    {
                        batchBytes += raw.approximateBytes
                        batch.append(raw)
                    }
                    recordsRead += batch.count
                    if batch.count < batchSize && batchBytes < Self.maximumBatchBytes { exhausted = true }
                    if batch.isEmpty { break }
                    let index = nextToIssue
                    nextToIssue += 1
                    group.addTask { [self] in
                        (index, batch.map { check(mapper.map($0)) })
                    }
                }
                guard nextToEmit < nextToIssue, let (index, results) = try await group.next() else { break }
                finished[index] = results
                while var ready = finished.removeValue(forKey: nextToEmit) {
                    try emit(&ready)
                    if nextToEmit == 0 {
                        let remaining = Self.remainingRecords(reader, afterRecords: recordsRead)
                        duplicates.reserveCapacity(forAdditionalRecords: remaining + recordsRead - ready.count)
                    }
                    nextToEmit += 1
                }
            }
        }
        return summary
    }

    /// Records whose duplicate-table slots are loaded together before they are checked one by one.
    static let prefetchGroup = 16

    /// An estimate (10% high) of the records left in the manifest, from the bytes per record of the first batch,
    /// at most ``DuplicateDetector/maximumReservation``: the size it starts from is a claim (a gzip ratio, a sparse
    /// file's length), not a count.
    ///
    /// Bytes are content bytes: for a gzip manifest the decompressed size is estimated from the compression ratio so
    /// far (``ManifestReader/contentSize``), since the compressed file size and the decompressed bytes read are not
    /// comparable.
    public static func remainingRecords(_ reader: ManifestReader, afterRecords records: Int) -> Int {
        let consumed = reader.bytesConsumed
        guard records > 0, consumed > 0, let size = reader.contentSize, size > consumed else { return 0 }
        let estimate = Double(size - consumed) / (Double(consumed) / Double(records)) * 1.1
        guard estimate.isFinite else { return DuplicateDetector.maximumReservation }
        return Int(min(max(estimate, 0), Double(DuplicateDetector.maximumReservation)))
    }
}
