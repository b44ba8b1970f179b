/// The base64 of age headers: standard alphabet, no padding, canonical (unused bits zero).
enum AgeBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    static func encode(_ data: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((data.count * 4 + 2) / 3)
        var index = 0
        while index < data.count {
            let b0 = Int(data[index])
            let b1 = index + 1 < data.count ? Int(data[index + 1]) : 0
            let b2 = index + 2 < data.count ? Int(data[index + 2]) : 0
            let remaining = data.count - index
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[(b0 & 3) << 4 | b1 >> 4])
            if remaining > 1 { out.append(alphabet[(b1 & 15) << 2 | b2 >> 6]) }
            if remaining > 2 { out.append(alphabet[b2 & 63]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of unpadded canonical base64 text; nil for anything else (padding, other characters, stray bits).
    static func decode<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
        guard text.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator = 0
        var bits = 0
        for byte in text {
            let value = values[Int(byte)]
            guard value >= 0 else { return nil }
            accumulator = (accumulator << 6 | Int(value)) & 0xFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((accumulator >> bits) & 0xFF))
            }
        }
        guard accumulator & ((1 << bits) - 1) == 0 else { return nil }
        return out
    }
}
