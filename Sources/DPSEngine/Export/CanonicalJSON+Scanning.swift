import Foundation

extension CanonicalJSON {
    /// The index of the first byte at or after `start` that a string's scan must look at itself: a quote, a
    /// backslash, a control character (below 0x20) or a byte above 0x7F. Reads eight bytes at a time and stops at
    /// the first word holding such a byte (or the last whole word), so the caller reads on from there byte by byte.
    ///
    /// The bytes skipped are plain string content (`0x20...0x7F` but `"` and `\`): a base64 key of 424 characters
    /// takes 53 word tests instead of 424 byte steps.
    static func plainRun(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return start }
        var index = start
        while index + 8 <= bytes.count, !needsLook(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
            index += 8
        }
        return index
    }

    /// Whether any byte of `word` is a quote, a backslash, below 0x20 or above 0x7F (exact: the classic
    /// "has a zero byte" and "has a byte less than n" word tests, which never report a byte that is not there).
    static func needsLook(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let hasControl = (word &- ones &* 0x20) & ~word & highs != 0
        return word & highs != 0 || hasControl || hasZeroByte(word ^ (ones &* 0x22))
            || hasZeroByte(word ^ (ones &* 0x5C))
    }

    /// Whether `bytes[range]` are the UTF-8 bytes of `name`.
    static func isName(_ name: String, at range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var name = name
        return name.withUTF8 { wanted in
            guard wanted.count == range.count else { return false }
            guard let wantedBase = wanted.baseAddress, let base = bytes.baseAddress else { return true }
            return memcmp(wantedBase, base + range.lowerBound, wanted.count) == 0
        }
    }
}
