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
        guard let raw = try RawChunk.read(from: reader, count: count) else { return nil }
        let mapper = reader.mapper
        let validator = self.validator
        let checked = await RawChunk.inHalves(raw) { validator.check(mapper.map($0)) }
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
