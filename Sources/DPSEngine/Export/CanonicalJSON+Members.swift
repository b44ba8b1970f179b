extension CanonicalJSON {
    /// The range in ``output`` of the value of member `name` of the last outermost object written, or nil when it
    /// has none (`name` is compared with the member names as written: unescaped ASCII names match themselves).
    func topMember(_ name: String) -> Range<Int>? {
        output.withUnsafeBufferPointer { bytes in
            topMembers.first { Self.isName(name, at: $0.name, in: bytes) }?.value
        }
    }

    /// The range of the value of member `name` of the object at `range` of `bytes`, or nil when it has none.
    ///
    /// `bytes[range]` must be canonical JSON (compact, checked: what ``CanonicalJSON`` writes); `name` is compared
    /// with the member names as written (unescaped ASCII names match themselves).
    static func member(_ name: String, in bytes: [UInt8], at range: Range<Int>) -> Range<Int>? {
        bytes.withUnsafeBufferPointer { whole in
            let bytes = UnsafeBufferPointer(rebasing: whole[range])
            guard bytes.first == UInt8(ascii: "{") else { return nil }
            var index = 1
            while index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                let nameEnd = endOfString(bytes, at: index)
                let isWanted = isName(name, at: (index + 1)..<(nameEnd - 1), in: bytes)
                let valueStart = nameEnd + 1  // after ':'
                let valueEnd = endOfValue(bytes, at: valueStart)
                if isWanted { return (range.lowerBound + valueStart)..<(range.lowerBound + valueEnd) }
                index = valueEnd + 1  // after ',' (or past '}')
            }
            return nil
        }
    }

    /// The string value of member `name` without its quotes (escapes kept), or nil when it is absent or not a
    /// string.
    static func stringMember(_ name: String, in bytes: [UInt8], at range: Range<Int>) -> String? {
        member(name, in: bytes, at: range).flatMap { string(in: bytes, at: $0) }
    }

    /// The string at `range` of `bytes` without its quotes (escapes kept), or nil when the value there is not a
    /// string.
    static func string(in bytes: [UInt8], at range: Range<Int>) -> String? {
        guard bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        return String(decoding: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)], as: UTF8.self)
    }

    /// The index after the string that starts (with its quote) at `start`.
    private static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        var index = start + 1
        while true {
            index = plainRun(in: bytes, from: index)
            guard index < bytes.count else { break }
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return index
    }

    /// The index after the value that starts at `start`.
    private static func endOfValue(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        var index = start
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index = endOfString(bytes, at: index)
                if depth == 0 { return index }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return index }
                depth -= 1
                if depth == 0 { return index + 1 }
            case UInt8(ascii: ","):
                if depth == 0 { return index }
            default:
                break
            }
            index += 1
        }
        return index
    }
}
