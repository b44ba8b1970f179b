/// A dictionary split into a fixed number of independent segments, chosen by the key's hash.
///
/// A plain `Dictionary` grows by rehashing every entry into storage twice as large, at once: past 400,000 entries
/// that one insert took over 200 ms and briefly held both the old and the new storage. Here each segment grows on
/// its own, so an insert rehashes at most one segment (1/``segmentCount`` of the entries) and the transient extra
/// memory is that segment's, not the whole table's.
///
/// Invariant: a key lives only in the segment its hash selects, so `count` is the sum of the segments' counts and
/// a lookup searches one segment.
struct SegmentedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The number of segments (a power of two).
    static var segmentCount: Int { 64 }

    private var segments = [[Key: Value]](repeating: [:], count: Self.segmentCount)
    private(set) var count = 0

    /// The segment that holds `key`: the top bits of its hash (the segment's own table uses the low bits).
    static func segment(of key: Key) -> Int {
        Int(truncatingIfNeeded: UInt(bitPattern: key.hashValue) >> (UInt.bitWidth - 6))
    }

    subscript(key: Key) -> Value? {
        get { segments[Self.segment(of: key)][key] }
        set {
            let segment = Self.segment(of: key)
            if let newValue {
                if segments[segment].updateValue(newValue, forKey: key) == nil { count += 1 }
            } else if segments[segment].removeValue(forKey: key) != nil {
                count -= 1
            }
        }
    }

    /// Removes `key`; returns its value.
    @discardableResult
    mutating func removeValue(forKey key: Key) -> Value? {
        let removed = segments[Self.segment(of: key)].removeValue(forKey: key)
        if removed != nil { count -= 1 }
        return removed
    }

    /// The number of entries in each segment, for tests of the spread.
    var segmentCounts: [Int] { segments.map(\.count) }
}
