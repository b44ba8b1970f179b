/// A set of record ordinals (0, 1, 2, ...) as a bitmap: one bit per ordinal up to the largest inserted, 125 KB
/// for a million-record manifest whatever how many are in it.
struct OrdinalSet: Sendable {
    private var words: [UInt64] = []

    /// Adds `ordinal` (not negative).
    mutating func insert(_ ordinal: Int) {
        precondition(ordinal >= 0, "ordinals are not negative")
        let word = ordinal / 64
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        words[word] |= 1 << UInt64(ordinal % 64)
    }

    /// Whether `ordinal` was added.
    func contains(_ ordinal: Int) -> Bool {
        let word = ordinal / 64
        return ordinal >= 0 && word < words.count && words[word] & (1 << UInt64(ordinal % 64)) != 0
    }
}
