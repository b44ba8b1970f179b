/// A strict decoder for standard base64 (RFC 4648 §4, `+` and `/`, `=` padding), as found in PEM bodies and in
/// DPS's "base64 DER" certificate form.
///
/// Line breaks and other ASCII whitespace are ignored, and so are the two-character escapes `\n` and `\r`
/// (certificates copied out of JSON often carry them literally). Anything else outside the alphabet, padding
/// that is not at the end, or a length that is not a multiple of four is an error.
enum PEMBase64 {
    /// Why decoding failed.
    struct Failure: Error, Sendable, Hashable {
        enum Kind: Sendable, Hashable {
            /// A byte outside the base64 alphabet.
            case invalidCharacter
            /// Padding in the wrong place, or too much of it.
            case badPadding
            /// The number of base64 characters is not a multiple of four.
            case badLength
            /// Nothing but whitespace.
            case empty
        }

        var kind: Kind
        /// A human explanation, without a leading capital (it is embedded in longer messages).
        var reason: String
    }

    /// Decodes `text`, or explains why it cannot.
    static func decode(_ text: Substring) throws(Failure) -> [UInt8] {
        var sextets: [UInt8] = []
        sextets.reserveCapacity(text.utf8.count)
        var padding = 0
        var characterOffset = 0
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            characterOffset += 1
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "\\"):
                let next = iterator.next()
                characterOffset += 1
                guard next == UInt8(ascii: "n") || next == UInt8(ascii: "r") else {
                    throw Failure(
                        kind: .invalidCharacter,
                        reason: "invalid character '\\' at offset \(characterOffset - 1)"
                    )
                }
                continue
            case UInt8(ascii: "="):
                padding += 1
                continue
            default:
                break
            }
            guard let value = sextet(byte) else {
                throw Failure(
                    kind: .invalidCharacter,
                    reason: "invalid character \(describe(byte)) at offset \(characterOffset)"
                )
            }
            guard padding == 0 else {
                throw Failure(
                    kind: .badPadding,
                    reason: "'=' padding in the middle of the data (offset \(characterOffset))"
                )
            }
            sextets.append(value)
        }
        if sextets.isEmpty {
            throw Failure(kind: .empty, reason: "no base64 data")
        }
        let remainder = sextets.count % 4
        if padding == 0 || remainder <= 1 {
            guard remainder == 0 else {
                throw Failure(
                    kind: .badLength,
                    reason:
                        "\(sextets.count + padding) base64 characters is not a multiple of 4 (was the value cut off?)"
                )
            }
        }
        guard padding == (4 - remainder) % 4 else {
            throw Failure(kind: .badPadding, reason: "wrong amount of '=' padding (\(padding))")
        }
        return pack(sextets)
    }

    private static func pack(_ sextets: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sextets.count * 3 / 4)
        var index = 0
        while index + 4 <= sextets.count {
            let s0 = sextets[index]
            let s1 = sextets[index + 1]
            let s2 = sextets[index + 2]
            let s3 = sextets[index + 3]
            bytes.append(s0 << 2 | s1 >> 4)
            bytes.append(s1 << 4 | s2 >> 2)
            bytes.append(s2 << 6 | s3)
            index += 4
        }
        let rest = sextets.count - index
        if rest >= 2 {
            bytes.append(sextets[index] << 2 | sextets[index + 1] >> 4)
        }
        if rest == 3 {
            bytes.append(sextets[index + 1] << 4 | sextets[index + 2] >> 2)
        }
        return bytes
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x\(X509Hex.uppercase([byte]))"
    }
}
