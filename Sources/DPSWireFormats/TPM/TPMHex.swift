/// Hex formatting for messages.
public enum TPMHex {
    private static let digits = Array("0123456789abcdef")

    /// `0x000B` style, four upper-case digits.
    public static func word(_ value: UInt16) -> String {
        "0x" + String(fixed(UInt64(value), digits: 4).uppercased())
    }

    /// `0x000300B2` style, eight upper-case digits.
    public static func dword(_ value: UInt32) -> String {
        "0x" + String(fixed(UInt64(value), digits: 8).uppercased())
    }

    /// Lower-case hex of `bytes`, no separators.
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        var out = ""
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }

    /// Bytes of a hex string (either case); `nil` if odd length or a non-hex character.
    public static func bytes(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let high = nibble(utf8[i]), let low = nibble(utf8[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func fixed(_ value: UInt64, digits count: Int) -> String {
        let raw = String(value, radix: 16)
        return String(repeating: "0", count: max(0, count - raw.count)) + raw
    }
}
