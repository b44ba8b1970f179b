import DPSManifest
import DPSValidation

/// The chunking both reads of an import share (``ValidatedChunks``, ``MappedChunks``): up to a count of raw records
/// and 4 × ``ManifestValidator/maximumBatchBytes`` of text (plus the record that crossed it), then one transform
/// run on the two halves at once (one per core), the results in manifest order.
enum RawChunk {
    /// The next raw records of `reader`, or nil at the end of the manifest.
    static func read(from reader: ManifestReader, count: Int) throws -> [RawRecord]? {
        var raw: [RawRecord] = []
        raw.reserveCapacity(count)
        var bytes = 0
        while raw.count < count, bytes < 4 * ManifestValidator.maximumBatchBytes, let record = try reader.nextRaw() {
            bytes += record.approximateBytes
            raw.append(record)
        }
        return raw.isEmpty ? nil : raw
    }

    /// `transform` of every record of `raw`, the two halves on two tasks, in order.
    static func inHalves<T: Sendable>(
        _ raw: [RawRecord],
        _ transform: @escaping @Sendable (RawRecord) -> T
    ) async -> [T] {
        let half = (raw.count + 1) / 2
        let parts = [Array(raw[..<half]), Array(raw[half...])]
        return await withTaskGroup(of: (Int, [T]).self) { group in
            for (index, part) in parts.enumerated() {
                group.addTask { (index, part.map(transform)) }
            }
            var results: [[T]] = [[], []]
            for await (index, part) in group { results[index] = part }
            return results[0] + results[1]
        }
    }
}
