import DPSManifest
import DPSValidation

/// Reads a manifest in chunks of mapped records (the wire model, no validation rules, no duplicate detection), on
/// all cores, in manifest order: the second read of an import, whose records were validated by the first
/// (``ValidatedChunks``) and whose verdict is in the journal and in ``OrdinalSet``.
struct MappedChunks {
    private let reader: ManifestReader
    private(set) var recordsRead = 0

    init(reader: ManifestReader) {
        self.reader = reader
    }

    /// The next chunk of up to `count` records (with their ordinals), or nil at the end of the manifest.
    mutating func next(count: Int = 1024) async throws -> [(ordinal: Int, record: ManifestRecord)]? {
        var raw: [RawRecord] = []
        raw.reserveCapacity(count)
        var bytes = 0
        while raw.count < count, bytes < 4 * ManifestValidator.maximumBatchBytes, let record = try reader.nextRaw() {
            bytes += record.approximateBytes
            raw.append(record)
        }
        guard !raw.isEmpty else { return nil }
        let mapper = reader.mapper
        let half = (raw.count + 1) / 2
        let parts = [Array(raw[..<half]), Array(raw[half...])]
        let mapped = await withTaskGroup(of: (Int, [ManifestRecord]).self) { group in
            for (index, part) in parts.enumerated() {
                group.addTask { (index, part.map(mapper.map)) }
            }
            var results: [[ManifestRecord]] = [[], []]
            for await (index, part) in group { results[index] = part }
            return results[0] + results[1]
        }
        let first = recordsRead
        recordsRead += mapped.count
        return mapped.enumerated().map { (ordinal: first + $0.offset, record: $0.element) }
    }
}
