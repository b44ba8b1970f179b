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

    /// Validates every record of `reader`, calling `body` with each in manifest order (or, with
    /// ``RecordReporting/recordsWithFindings``, only with those that have a finding).
    ///
    /// `duplicates` carries the duplicate state across the manifests of one run.
    public func validate(
        _ reader: ManifestReader,
        duplicates: inout DuplicateDetector,
        reporting: RecordReporting = .everyRecord,
        _ body: (ValidatedRecord) throws -> Void
    ) async throws -> ValidationSummary {
        var summary = ValidationSummary()
        let mapper = reader.mapper
        let fastPath = reporting == .recordsWithFindings ? reader.header.flatMap(CleanTPMRow.init(header:)) : nil
        try await withThrowingTaskGroup(of: (Int, RawBatch, [CheckedRecord]).self) { group in
            var nextToIssue = 0
            var nextToEmit = 0
            var finished: [Int: (RawBatch, [CheckedRecord])] = [:]
            var exhausted = false
            var recordsRead = 0

            func emit(_ batch: RawBatch, _ results: inout [CheckedRecord]) throws {
                for index in results.indices {
                    if index % Self.prefetchGroup == 0 {
                        for ahead in index..<min(index + Self.prefetchGroup, results.count) {
                            if let keys = results[ahead].keys { duplicates.prefetch(keys) }
                        }
                    }
                    if case .clean(let line, let keys) = results[index] {
                        // The registration ID is made a string only for the message of a duplicate.
                        guard case .csv(let rows) = batch, let fastPath else {
                            preconditionFailure("a clean JSON line")
                        }
                        let source = SourcePosition(file: reader.file, line: line)
                        var sink = FindingSink(source: source, identifier: nil)
                        duplicates.check(
                            keys,
                            isGroup: false,
                            identifier: rows.withRow(index, fastPath.identifier(of:)),
                            at: source,
                            findings: &sink
                        )
                        if sink.findings.isEmpty {
                            summary.addRecordWithoutFindings()
                            continue
                        }
                        // A duplicate: the full record, for the body, with the duplicate findings.
                        let record = rows.withRow(index) { mapper.map(.csv(line: $0.line, fields: $0.strings())) }
                        var (validated, _) = check(record)
                        for var finding in sink.findings {
                            finding.registrationId = validated.record.identifier
                            validated.findings.append(finding)
                        }
                        results[index] = .full(validated, nil)
                    } else {
                        results[index].checkDuplicates(&duplicates)
                    }
                    guard case .full(let validated, _) = results[index] else { continue }
                    summary.add(validated)
                    if reporting == .everyRecord || !validated.findings.isEmpty { try body(validated) }
                }
            }

            while !exhausted || nextToEmit < nextToIssue {
                while !exhausted && nextToIssue - nextToEmit < maximumBatchesInFlight {
                    let batch = try reader.nextBatch(maximumRecords: batchSize, maximumBytes: Self.maximumBatchBytes)
                    recordsRead += batch.count
                    // A short batch means the end of the file (a batch cut on bytes is full).
                    if batch.count < batchSize && batch.approximateBytes < Self.maximumBatchBytes { exhausted = true }
                    if batch.count == 0 { break }
                    let index = nextToIssue
                    nextToIssue += 1
                    group.addTask { [self] in
                        (index, batch, check(batch, mapper: mapper, fastPath: fastPath))
                    }
                }
                guard nextToEmit < nextToIssue, let (index, batch, results) = try await group.next() else { break }
                finished[index] = (batch, results)
                while var ready = finished.removeValue(forKey: nextToEmit) {
                    let batch = ready.0
                    try emit(batch, &ready.1)
                    if nextToEmit == 0 {
                        let remaining = Self.remainingRecords(reader, afterRecords: recordsRead)
                        duplicates.reserveCapacity(forAdditionalRecords: remaining + recordsRead - batch.count)
                    }
                    nextToEmit += 1
                }
            }
        }
        return summary
    }

    /// Checks the records of a batch: with a fast path, CSV rows it proves clean are only hashed for the
    /// duplicate check; every other record is mapped and checked with the rules.
    func check(_ batch: RawBatch, mapper: RecordMapper, fastPath: CleanTPMRow?) -> [CheckedRecord] {
        switch batch {
        case .records(let records):
            return records.map { .checked(check(mapper.map($0))) }
        case .csv(let rows):
            return rows.mapRows { row in
                if let fastPath, let keys = fastPath.keys(ifClean: row) { return .clean(line: row.line, keys) }
                return .checked(check(mapper.map(.csv(line: row.line, fields: row.strings()))))
            }
        }
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
