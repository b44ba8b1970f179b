/// A compact set of 64-bit key hashes that remembers the line where each key was first seen.
///
/// Open addressing with linear probing over two flat arrays (12 bytes a slot), so a million keys take about 16 MB
/// instead of the ~80 MB a `Dictionary<String, ...>` would. The capacity need not be a power of two (indexing is a
/// multiply-shift), so it can be sized once from an estimate of the record count (``reserveCapacity(_:)``) and then
/// never copied; without a reservation it grows by 1.5×. Keys are 64-bit hashes: two different keys collide with
/// probability about n²/2⁶⁵ (3·10⁻⁸ for a million).
struct FirstOccurrenceTable {
    /// The highest share of slots in use before the table grows.
    static let maximumLoad = 0.75

    private var keys: [UInt64]
    private var lines: [UInt32]
    private(set) var count = 0

    init(capacity: Int = 1024) {
        keys = Array(repeating: 0, count: capacity)
        lines = Array(repeating: 0, count: capacity)
    }

    /// The number of slots.
    var capacity: Int { keys.count }

    /// Makes room for `expectedCount` keys without growing again.
    mutating func reserveCapacity(_ expectedCount: Int) {
        let needed = Int((Double(expectedCount) / Self.maximumLoad).rounded(.up)) + 1
        if needed > keys.count { rehash(capacity: needed) }
    }

    /// Inserts `hash` seen at `line`; returns the line of the earlier occurrence when the key was already present.
    mutating func insert(_ hash: UInt64, line: UInt32) -> UInt32? {
        if Double(count + 1) > Double(keys.count) * Self.maximumLoad { rehash(capacity: keys.count + keys.count / 2) }
        let key = hash == 0 ? 1 : hash
        var slot = Self.home(of: key, capacity: keys.count)
        while true {
            let present = keys[slot]
            if present == 0 {
                keys[slot] = key
                lines[slot] = line
                count += 1
                return nil
            }
            if present == key { return lines[slot] }
            slot += 1
            if slot == keys.count { slot = 0 }
        }
    }

    private static func home(of key: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    private mutating func rehash(capacity: Int) {
        let oldKeys = keys
        let oldLines = lines
        keys = []
        lines = []
        keys = Array(repeating: 0, count: capacity)
        lines = Array(repeating: 0, count: capacity)
        for index in oldKeys.indices where oldKeys[index] != 0 {
            var slot = Self.home(of: oldKeys[index], capacity: capacity)
            while keys[slot] != 0 {
                slot += 1
                if slot == capacity { slot = 0 }
            }
            keys[slot] = oldKeys[index]
            lines[slot] = oldLines[index]
        }
    }
}
