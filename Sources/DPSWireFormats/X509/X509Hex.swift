/// Uppercase hexadecimal without separators, the way DPS shows thumbprints and serial numbers.
enum X509Hex {
    private static let digits = Array("0123456789ABCDEF".utf8)

    /// `bytes` as uppercase hex, two digits per byte, no separators.
    static func uppercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
