import DPSManifest
import DPSValidation

/// Reads a manifest in chunks of validated records, checking each chunk on all cores, in manifest order.
///
/// The pull-based counterpart of ``ManifestValidator/validate(_:duplicates:_:)`` for callers that do
/// asynchronous work (sending) between chunks; memory stays bounded by one chunk, of at most `count` records and
/// ``ManifestValidator/maximumBatchBytes`` × 4 of raw text (plus the record that crossed it).
struct ValidatedChunks {
    private let reader: ManifestReader
    private let validator: ManifestValidator
    private var duplicates = DuplicateDetector()
    private(set) var recordsRead = 0

    init(reader: ManifestReader, validator: ManifestValidator) {
        self.reader = reader
        self.validator = validator
    }

    /// The next chunk of up to `count` records (with their ordinals), or nil at the end of the manifest.
    mutating func next(count: Int = 1024) async throws -> [(ordinal: Int, record: ValidatedRecord)]? {
        var raw: [RawRecord] = []
        raw.reserveCapacity(count)
        var bytes = 0
        while raw.count < count, bytes < 4 * ManifestValidator.maximumBatchBytes, let record = try reader.nextRaw() {
            bytes += record.approximateBytes
            raw.append(record)
        }
        guard !raw.isEmpty else { return nil }
        let mapper = reader.mapper
        let validator = self.validator
        let half = (raw.count + 1) / 2
        let parts = [Array(raw[..<half]), Array(raw[half...])]
        let checked = await withTaskGroup(of: (Int, [(ValidatedRecord, DuplicateKeys?)]).self) { group in
            for (index, part) in parts.enumerated() {
                group.addTask { (index, part.map { validator.check(mapper.map($0)) }) }
            }
            var results: [[(ValidatedRecord, DuplicateKeys?)]] = [[], []]
            for await (index, part) in group { results[index] = part }
            return results[0] + results[1]
        }
        let isFirstChunk = recordsRead == 0
        var chunk: [(ordinal: Int, record: ValidatedRecord)] = []
        chunk.reserveCapacity(checked.count)
        for (validated, keys) in checked {
            var validated = validated
            if let keys, let entry = validated.record.entry {
                var sink = FindingSink(source: validated.record.source, identifier: validated.record.identifier)
                duplicates.check(keys, of: entry, at: validated.record.source, findings: &sink)
                validated.findings += sink.findings
            }
            chunk.append((recordsRead, validated))
            recordsRead += 1
        }
        if isFirstChunk {
            // Size the duplicate tables once for the whole manifest (no growth, no transient copy).
            duplicates.reserveCapacity(
                forAdditionalRecords: ManifestValidator.remainingRecords(reader, afterRecords: recordsRead)
            )
        }
        return chunk
    }
}
