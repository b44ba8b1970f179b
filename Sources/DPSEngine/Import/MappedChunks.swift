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
        guard let raw = try RawChunk.read(from: reader, count: count) else { return nil }
        let mapper = reader.mapper
        let mapped = await RawChunk.inHalves(raw) { mapper.map($0) }
        let first = recordsRead
        recordsRead += mapped.count
        return mapped.enumerated().map { (ordinal: first + $0.offset, record: $0.element) }
    }
}
