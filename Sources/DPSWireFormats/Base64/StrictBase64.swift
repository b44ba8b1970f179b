/// A strict, fast decoder for standard, padded base64 (RFC 4648 §4).
///
/// It accepts exactly one canonical spelling of a byte string: the standard alphabet (`A–Z a–z 0–9 + /`), a length
/// that is a multiple of 4, one or two `=` only at the very end and only where needed, and zero bits in the unused
/// low bits of the last character. Whitespace, line breaks, base64url (`-` `_`), missing or extra padding and
/// non-canonical trailing bits are rejected with the 0-based offset of the first problem.
///
/// Offsets are in UTF-8 bytes, which equals characters for the ASCII input that base64 is.
/// It does not use Foundation's `Data(base64Encoded:)`, which is lenient and slower.
public enum StrictBase64 {
    /// Decodes `string`, or returns the first problem.
    public static func decode(_ string: String) -> Result<[UInt8], StrictBase64Error> {
        if let result = string.utf8.withContiguousStorageIfAvailable({ decode(utf8: $0) }) {
            return result
        }
        return Array(string.utf8).withUnsafeBufferPointer { decode(utf8: $0) }
    }

    /// Decodes `substring` (for example a CSV cell), or returns the first problem.
    public static func decode(_ substring: Substring) -> Result<[UInt8], StrictBase64Error> {
        if let result = substring.utf8.withContiguousStorageIfAvailable({ decode(utf8: $0) }) {
            return result
        }
        return Array(substring.utf8).withUnsafeBufferPointer { decode(utf8: $0) }
    }

    /// Decodes UTF-8 (ASCII) bytes, or returns the first problem. An empty input decodes to no bytes.
    public static func decode(utf8 input: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], StrictBase64Error> {
        let count = input.count
        if count == 0 { return .success([]) }
        var failure: StrictBase64Error?
        let remainder = count & 3
        // Quads decoded by the fast loop: all complete ones, except the last one when it may hold padding.
        let bodyQuads = remainder == 0 ? count / 4 - 1 : count / 4
        let bytes = Self.table.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: bodyQuads * 3 + 3) { out, initialized in
                var i = 0
                var o = 0
                // Hot loop on raw pointers: four lookups into pre-shifted tables; an invalid byte sets the top byte.
                Self.shifted.withUnsafeBufferPointer { shifted in
                    let s = shifted.baseAddress!
                    let src = input.baseAddress!
                    let dst = out.baseAddress!
                    for _ in 0..<bodyQuads {
                        let v =
                            s[Int(src[i])] | s[256 + Int(src[i + 1])] | s[512 + Int(src[i + 2])]
                            | s[768 + Int(src[i + 3])]
                        if v & 0xFF00_0000 != 0 { break }
                        dst[o] = UInt8(truncatingIfNeeded: v >> 16)
                        dst[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                        dst[o + 2] = UInt8(truncatingIfNeeded: v)
                        o += 3
                        i += 4
                    }
                }
                if o < bodyQuads * 3 {
                    failure = firstBadCharacter(input, table: table, from: i, to: i + 4)
                    initialized = 0
                    return
                }
                if remainder != 0 {
                    failure = tailError(input, table: table, from: i)
                    initialized = 0
                    return
                }
                switch lastQuad(input, table: table, at: i) {
                case .failure(let error):
                    failure = error
                    initialized = 0
                case .success(let (value, produced)):
                    out[o] = UInt8(truncatingIfNeeded: value >> 16)
                    if produced > 1 { out[o + 1] = UInt8(truncatingIfNeeded: value >> 8) }
                    if produced > 2 { out[o + 2] = UInt8(truncatingIfNeeded: value) }
                    initialized = o + produced
                }
            }
        }
        if let failure { return .failure(failure) }
        return .success(bytes)
    }

    /// The number of bytes `string` decodes to if it is well formed, from its length and padding alone
    /// (no validation of the characters); `nil` when the length is not a multiple of 4.
    public static func decodedLength(of string: String) -> Int? {
        let utf8 = string.utf8
        let count = utf8.count
        guard count & 3 == 0 else { return nil }
        guard count > 0 else { return 0 }
        var padding = 0
        var index = utf8.endIndex
        while padding < 2 {
            index = utf8.index(before: index)
            guard utf8[index] == UInt8(ascii: "=") else { break }
            padding += 1
        }
        return count / 4 * 3 - padding
    }

    /// The canonical encoding of `bytes` (standard alphabet, padded, one line).
    public static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [
                alphabet[Int(v >> 18)], alphabet[Int(v >> 12 & 63)], alphabet[Int(v >> 6 & 63)], alphabet[Int(v & 63)],
            ]
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let v = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int(v >> 18)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Internals

    /// Sextet value per byte; 0xFF for every byte outside the standard alphabet (including `=`).
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        return table
    }()

    /// Four 256-entry tables, one per position in a quad, holding the sextet already shifted into place
    /// (18, 12, 6, 0 bits); 0xFF00_0000 for a byte outside the alphabet.
    static let shifted: [UInt32] = {
        var tables = [UInt32](repeating: 0xFF00_0000, count: 1024)
        for byte in 0..<256 where table[byte] != 0xFF {
            let value = UInt32(table[byte])
            tables[byte] = value << 18
            tables[256 + byte] = value << 12
            tables[512 + byte] = value << 6
            tables[768 + byte] = value
        }
        return tables
    }()

    private static let padding = UInt8(ascii: "=")

    /// Decodes the final quad, which may end in `=` or `==`. Returns the 24-bit value and how many bytes it holds.
    private static func lastQuad(
        _ input: UnsafeBufferPointer<UInt8>,
        table: UnsafeBufferPointer<UInt8>,
        at i: Int
    ) -> Result<(UInt32, Int), StrictBase64Error> {
        let a = table[Int(input[i])]
        let b = table[Int(input[i + 1])]
        if (a | b) & 0xC0 != 0 {
            return .failure(firstBadCharacter(input, table: table, from: i, to: i + 2)!)
        }
        let c = table[Int(input[i + 2])]
        let d = table[Int(input[i + 3])]
        if input[i + 2] == padding {
            guard input[i + 3] == padding else {
                return .failure(
                    StrictBase64Error(
                        code: .misplacedPadding,
                        offset: i + 2,
                        message: "'=' at offset \(i + 2) is followed by a non-padding character; "
                            + "padding may appear only as the last one or two characters"
                    )
                )
            }
            guard b & 0x0F == 0 else { return .failure(trailingBits(at: i + 1, input[i + 1])) }
            return .success((UInt32(a) << 18 | UInt32(b) << 12, 1))
        }
        if c & 0xC0 != 0 {
            return .failure(firstBadCharacter(input, table: table, from: i + 2, to: i + 3)!)
        }
        if input[i + 3] == padding {
            guard c & 0x03 == 0 else { return .failure(trailingBits(at: i + 2, input[i + 2])) }
            return .success((UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6, 2))
        }
        if d & 0xC0 != 0 {
            return .failure(firstBadCharacter(input, table: table, from: i + 3, to: i + 4)!)
        }
        return .success((UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d), 3))
    }

    /// The error for an incomplete final quad: a bad character in it, else the length.
    private static func tailError(
        _ input: UnsafeBufferPointer<UInt8>,
        table: UnsafeBufferPointer<UInt8>,
        from start: Int
    ) -> StrictBase64Error {
        var i = start
        while i < input.count {
            let byte = input[i]
            // `=` in the third position is where padding belongs; the length error below explains the rest.
            let tolerated = byte == padding && i - start == 2
            if table[Int(byte)] & 0xC0 != 0 && !tolerated {
                return characterError(byte, at: i)
            }
            i += 1
        }
        let count = input.count
        let reason: String
        switch count & 3 {
        case 1:
            reason =
                "one character is left over, which cannot encode a byte; the value was cut short or has an "
                + "extra character"
        case 2:
            reason = "'==' padding is missing, or the value was cut short"
        default:
            reason =
                input[count - 1] == padding
                ? "one more '=' is missing, or the value was cut short"
                : "'=' padding is missing, or the value was cut short"
        }
        return StrictBase64Error(
            code: .invalidLength,
            offset: count,
            message: "length \(count) is not a multiple of 4 at offset \(count): \(reason)"
        )
    }

    /// The first byte in `start..<end` that is not in the alphabet, as an error.
    private static func firstBadCharacter(
        _ input: UnsafeBufferPointer<UInt8>,
        table: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int
    ) -> StrictBase64Error? {
        for i in start..<end where table[Int(input[i])] & 0xC0 != 0 {
            return characterError(input[i], at: i)
        }
        return nil
    }

    /// Names what kind of wrong character `byte` is.
    private static func characterError(_ byte: UInt8, at offset: Int) -> StrictBase64Error {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
            let name: String
            switch byte {
            case UInt8(ascii: " "): name = "a space"
            case UInt8(ascii: "\t"): name = "a tab"
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): name = "a line break"
            default: name = "whitespace"
            }
            return StrictBase64Error(
                code: .whitespace,
                offset: offset,
                message: "\(name) at offset \(offset): the value must be one line with no spaces or line breaks "
                    + "(encode with `base64 -w0`)"
            )
        case UInt8(ascii: "-"), UInt8(ascii: "_"):
            let standard = byte == UInt8(ascii: "-") ? "+" : "/"
            return StrictBase64Error(
                code: .urlSafeCharacter,
                offset: offset,
                message: "'\(Character(Unicode.Scalar(byte)))' at offset \(offset) is base64url; use standard "
                    + "base64 ('\(standard)' instead)"
            )
        case padding:
            return StrictBase64Error(
                code: .misplacedPadding,
                offset: offset,
                message: "'=' at offset \(offset): padding may appear only as the last one or two characters"
            )
        case 0x21...0x7E:
            return StrictBase64Error(
                code: .invalidCharacter,
                offset: offset,
                message: "'\(Character(Unicode.Scalar(byte)))' at offset \(offset) is not a base64 character"
            )
        default:
            return StrictBase64Error(
                code: .invalidCharacter,
                offset: offset,
                message: "byte 0x\(hex(byte)) at offset \(offset) is not a base64 character"
                    + (byte >= 0x80 ? " (non-ASCII; check for smart quotes or a byte-order mark)" : "")
            )
        }
    }

    private static func trailingBits(at offset: Int, _ byte: UInt8) -> StrictBase64Error {
        StrictBase64Error(
            code: .nonZeroTrailingBits,
            offset: offset,
            message: "'\(Character(Unicode.Scalar(byte)))' at offset \(offset) has non-zero unused low bits before "
                + "the padding; the value is not canonical base64 (it was altered or hand-edited)"
        )
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
