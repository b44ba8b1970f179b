import Testing

@testable import DPSEmulator

/// The registry's chunked order list behaves like an `Array` across chunk boundaries.
struct ChunkedArrayTests {
    @Test(arguments: [1, 3, 4, 7])
    func appendsAndReadsAcrossChunks(chunkSize: Int) {
        var chunked = ChunkedArray<Int>(chunkSize: chunkSize)
        for value in 0..<20 { chunked.append(value * 10) }
        #expect(chunked.count == 20)
        #expect(Array(chunked) == (0..<20).map { $0 * 10 })
        chunked[chunkSize] = -1
        #expect(chunked[chunkSize] == -1)
        #expect(chunked.last == 190)
    }

    /// Inserting at every position (start, inside a chunk, at a boundary, at the end) matches `Array.insert`.
    @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 9, 10])
    func insertMatchesArray(position: Int) {
        var chunked = ChunkedArray<Int>(chunkSize: 3)
        var reference: [Int] = []
        for value in 0..<10 {
            chunked.append(value)
            reference.append(value)
        }
        chunked.insert(99, at: position)
        reference.insert(99, at: position)
        #expect(Array(chunked) == reference)
        chunked.append(100)
        reference.append(100)
        #expect(Array(chunked) == reference)
        #expect(chunked.count == reference.count)
    }

    /// Removing a run of values (from the start, the end, inside, all, none) or every other value matches
    /// `Array.removeAll(where:)`.
    @Test(arguments: [(0...3, 1), (6...9, 1), (2...7, 1), (0...9, 1), (20...30, 1), (0...9, 2)])
    func removeAllMatchesArray(removed: ClosedRange<Int>, stride: Int) {
        let shouldBeRemoved = { (value: Int) in removed.contains(value) && value % stride == 0 }
        var chunked = ChunkedArray<Int>(chunkSize: 3)
        var reference: [Int] = []
        for value in 0..<10 {
            chunked.append(value)
            reference.append(value)
        }
        chunked.removeAll(where: shouldBeRemoved)
        reference.removeAll(where: shouldBeRemoved)
        #expect(Array(chunked) == reference)
        chunked.append(42)
        #expect(Array(chunked) == reference + [42])
    }
}
