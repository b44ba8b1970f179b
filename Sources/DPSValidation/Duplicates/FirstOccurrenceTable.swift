/// A compact set of 64-bit key hashes that remembers where each key was first seen.
///
/// Open addressing with linear probing over flat arrays (13 bytes a slot), so a million keys take about 18 MB
/// instead of the ~80 MB a `Dictionary<String, ...>` would. The capacity need not be a power of two: it grows by
/// 1.5× and indexes with a multiply-shift, keeping the load between ~0.47 and 0.7.
/// Keys are 64-bit hashes: two different keys collide with probability about n²/2⁶⁵ (3·10⁻⁸ for a million).
struct FirstOccurrenceTable {
    /// Where a key was first seen: the manifest's index among the files of the run, and the line.
    struct Occurrence: Equatable {
        var fileIndex: Int
        var line: Int
    }

    private var keys: [UInt64]
    private var lines: [UInt32]
    private var files: [UInt8]
    private(set) var count = 0

    init(capacity: Int = 1024) {
        keys = Array(repeating: 0, count: capacity)
        lines = Array(repeating: 0, count: capacity)
        files = Array(repeating: 0, count: capacity)
    }

    /// Inserts `hash` seen at `occurrence`; returns the earlier occurrence when the key was already present.
    mutating func insert(_ hash: UInt64, at occurrence: Occurrence) -> Occurrence? {
        if count * 10 >= keys.count * 7 { grow() }
        let key = hash == 0 ? 1 : hash
        var slot = Self.home(of: key, capacity: keys.count)
        while true {
            let present = keys[slot]
            if present == 0 {
                keys[slot] = key
                lines[slot] = UInt32(clamping: occurrence.line)
                files[slot] = UInt8(clamping: occurrence.fileIndex)
                count += 1
                return nil
            }
            if present == key {
                return Occurrence(fileIndex: Int(files[slot]), line: Int(lines[slot]))
            }
            slot += 1
            if slot == keys.count { slot = 0 }
        }
    }

    private static func home(of key: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldLines = lines
        let oldFiles = files
        let capacity = keys.count + keys.count / 2
        keys = []
        lines = []
        files = []
        keys = Array(repeating: 0, count: capacity)
        lines = Array(repeating: 0, count: capacity)
        files = Array(repeating: 0, count: capacity)
        for index in oldKeys.indices where oldKeys[index] != 0 {
            var slot = Self.home(of: oldKeys[index], capacity: capacity)
            while keys[slot] != 0 {
                slot += 1
                if slot == capacity { slot = 0 }
            }
            keys[slot] = oldKeys[index]
            lines[slot] = oldLines[index]
            files[slot] = oldFiles[index]
        }
    }
}
