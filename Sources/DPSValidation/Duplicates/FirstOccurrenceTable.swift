/// A compact set of 64-bit key hashes that remembers the line where each key was first seen.
///
/// Open addressing with linear probing over one flat array of 12-byte slots (the key's two halves, then the line),
/// so a million keys take about 16 MB instead of the ~80 MB a `Dictionary<String, ...>` would, and a probe touches
/// one cache line rather than one in a key array and another in a line array (the tables outgrow the caches, and
/// the inserts run on the sequential stage of the pipeline). The capacity need not be a power of two (indexing is
/// a multiply-shift), so it can be sized once from an estimate of the record count (``reserveCapacity(_:)``) and
/// then never copied; without a reservation it grows by 1.5×. Keys are 64-bit hashes: two different keys collide
/// with probability about n²/2⁶⁵ (3·10⁻⁸ for a million).
struct FirstOccurrenceTable {
    /// The highest share of slots in use before the table grows.
    static let maximumLoad = 0.8
    /// 32-bit words per slot: key low half, key high half, line. A key of 0 marks an empty slot.
    private static let slotWords = 3

    private var words: [UInt32]
    /// The number of slots.
    private(set) var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
        words = Array(repeating: 0, count: capacity * Self.slotWords)
    }

    /// Makes room for `expectedCount` keys without growing again.
    mutating func reserveCapacity(_ expectedCount: Int) {
        let needed = Int((Double(expectedCount) / Self.maximumLoad).rounded(.up)) + 1
        if needed > capacity { rehash(capacity: needed) }
    }

    /// Inserts `hash` seen at `line`; returns the line of the earlier occurrence when the key was already present.
    mutating func insert(_ hash: UInt64, line: UInt32) -> UInt32? {
        if Double(count + 1) > Double(capacity) * Self.maximumLoad { rehash(capacity: capacity + capacity / 2) }
        let key = hash == 0 ? 1 : hash
        let capacity = self.capacity
        var slot = Self.home(of: key, capacity: capacity)
        // One uniqueness check for the whole probe instead of one per word written.
        let earlier: UInt32? = words.withUnsafeMutableBufferPointer { words in
            while true {
                let base = slot * Self.slotWords
                let present = UInt64(words[base]) | UInt64(words[base + 1]) << 32
                if present == 0 {
                    words[base] = UInt32(truncatingIfNeeded: key)
                    words[base + 1] = UInt32(truncatingIfNeeded: key >> 32)
                    words[base + 2] = line
                    return nil
                }
                if present == key { return words[base + 2] }
                slot += 1
                if slot == capacity { slot = 0 }
            }
        }
        if earlier == nil { count += 1 }
        return earlier
    }

    /// Reads the first word of the slot where a probe for `hash` starts, so that its cache line is on its way
    /// before ``insert(_:line:)`` needs it (see ``DuplicateDetector/prefetch(_:)``).
    func touch(_ hash: UInt64) -> UInt32 {
        words[Self.home(of: hash == 0 ? 1 : hash, capacity: capacity) * Self.slotWords]
    }

    private static func home(of key: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    private mutating func rehash(capacity newCapacity: Int) {
        let old = words
        words = []
        words = Array(repeating: 0, count: newCapacity * Self.slotWords)
        capacity = newCapacity
        for base in stride(from: 0, to: old.count, by: Self.slotWords) {
            let key = UInt64(old[base]) | UInt64(old[base + 1]) << 32
            guard key != 0 else { continue }
            var slot = Self.home(of: key, capacity: newCapacity)
            while words[slot * Self.slotWords] != 0 || words[slot * Self.slotWords + 1] != 0 {
                slot += 1
                if slot == newCapacity { slot = 0 }
            }
            words[slot * Self.slotWords] = old[base]
            words[slot * Self.slotWords + 1] = old[base + 1]
            words[slot * Self.slotWords + 2] = old[base + 2]
        }
    }
}
