import Foundation

/// Entity tags as the service makes and compares them.
enum EntityTag {
    /// A new tag: base64 of a quoted random GUID, like the real service's (`IjA2MDA4ZTYy...MCI=`).
    ///
    /// The 128 bits come from `SystemRandomNumberGenerator` (the `getrandom` call): Foundation's `UUID()` opened,
    /// read and closed `/dev/urandom` for every tag, about a tenth of the emulator's CPU in a bulk create.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(bits: (generator.next(), generator.next()))
    }

    /// The tag of the GUID made of `bits` (big-endian, high word first), with the version 4 and RFC 9562 variant
    /// bits set: base64 of `"xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"`, lowercase hex, quotes included.
    static func make(bits: (UInt64, UInt64)) -> String {
        let high = bits.0 & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000
        let low = bits.1 & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\"")]
        text.reserveCapacity(38)
        for nibble in 0..<32 {
            if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 { text.append(UInt8(ascii: "-")) }
            let word = nibble < 16 ? high : low
            text.append(hex[Int(word >> UInt64(60 - 4 * (nibble % 16)) & 0xF)])
        }
        text.append(UInt8(ascii: "\""))
        return Data(text).base64EncodedString()
    }

    /// Whether an `If-Match` value (bare, quoted or `*`) matches `current`.
    static func matches(ifMatch: String, current: String?) -> Bool {
        let value = unquoted(ifMatch)
        if value == "*" { return current != nil }
        return current == value
    }

    /// The value without one pair of surrounding double quotes.
    static func unquoted(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}
