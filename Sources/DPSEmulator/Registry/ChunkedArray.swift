/// An array kept in fixed-size chunks, so that appending never copies what is already stored.
///
/// A Swift `Array` grows by doubling: the append that passes its capacity copies every element into new storage
/// and, until it finishes, holds both (the registry's order list of 500,000 stored enrollments, about 200 MB, did
/// this). Here an append that fills the last chunk starts a new one of ``chunkSize`` elements; memory grows with
/// the elements held, by one chunk at a time.
///
/// Invariant: every chunk but the last holds exactly ``chunkSize`` elements, so element `i` is in chunk
/// `i / chunkSize` at `i % chunkSize`. Inserting in the middle or removing elements rebuilds the chunks after
/// that point (the registry does it only for out-of-order loads and tombstone sweeps).
struct ChunkedArray<Element: Sendable>: Sendable, RandomAccessCollection {
    /// Elements per chunk.
    let chunkSize: Int
    private var chunks: [[Element]] = []
    private(set) var count = 0

    init(chunkSize: Int = 4096) {
        precondition(chunkSize > 0, "a chunk holds at least one element")
        self.chunkSize = chunkSize
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < count, "index \(position) out of range 0..<\(count)")
            return chunks[position / chunkSize][position % chunkSize]
        }
        set {
            precondition(position >= 0 && position < count, "index \(position) out of range 0..<\(count)")
            chunks[position / chunkSize][position % chunkSize] = newValue
        }
    }

    /// Appends `element`, starting a new chunk (reserved at full size) when the last one is full.
    mutating func append(_ element: Element) {
        if count % chunkSize == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Inserts `element` at `position`, moving the elements after it one place on.
    mutating func insert(_ element: Element, at position: Int) {
        precondition(position >= 0 && position <= count, "index \(position) out of range 0...\(count)")
        rebuild(from: position) { tail in [element] + tail }
    }

    /// Removes every element matching `shouldBeRemoved`, keeping the order of the others.
    mutating func removeAll(where shouldBeRemoved: (Element) throws -> Bool) rethrows {
        guard let first = try indices.first(where: { try shouldBeRemoved(self[$0]) }) else { return }
        try rebuild(from: first) { tail in try tail.filter { try !shouldBeRemoved($0) } }
    }

    /// Replaces the elements from `position` on by `transform` of them, re-chunking them.
    private mutating func rebuild(from position: Int, _ transform: ([Element]) throws -> [Element]) rethrows {
        let tail = Array(self[position..<count])
        let keptChunks = position / chunkSize
        let keptInLast = position % chunkSize
        chunks.removeSubrange((keptChunks + (keptInLast > 0 ? 1 : 0))...)
        if keptInLast > 0 { chunks[keptChunks].removeSubrange(keptInLast...) }
        count = position
        for element in try transform(tail) { append(element) }
    }
}
