/// Bech32 (BIP 173) encoding and decoding, as age uses it for keys: no 90-character limit, one case throughout.
enum Bech32 {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]

    /// The longest string decoded: far above any age key, so that a pasted file is refused without work.
    static let maximumLength = 1024

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        var check: UInt32 = 1
        for value in values {
            let top = check >> 25
            check = (check & 0x1ff_ffff) << 5 ^ UInt32(value)
            for i in 0..<5 where (top >> UInt32(i)) & 1 == 1 { check ^= generator[i] }
        }
        return check
    }

    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    /// Regroups bits: 8-bit bytes to 5-bit groups (`pad` true) or back (`pad` false, refusing non-zero padding).
    private static func convert(_ data: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0
        var bits = 0
        var out: [UInt8] = []
        let mask = (1 << to) - 1
        for value in data {
            accumulator = (accumulator << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8((accumulator >> bits) & mask))
            }
        }
        if pad {
            if bits > 0 { out.append(UInt8((accumulator << (to - bits)) & mask)) }
        } else if bits >= from || (accumulator << (to - bits)) & mask != 0 {
            return nil
        }
        return out
    }

    /// The Bech32 string of `data` under the human-readable part `hrp`, in lower case.
    static func encode(hrp: String, data: [UInt8]) -> String {
        let hrpBytes = Array(hrp.lowercased().utf8)
        let values = convert(data, from: 8, to: 5, pad: true) ?? []
        let check = polymod(expand(hrpBytes) + values + [0, 0, 0, 0, 0, 0]) ^ 1
        let checksum = (0..<6).map { UInt8((check >> UInt32(5 * (5 - $0))) & 31) }
        return String(
            decoding: hrpBytes + [UInt8(ascii: "1")] + (values + checksum).map { charset[Int($0)] },
            as: UTF8.self
        )
    }

    /// The human-readable part (lower case) and the bytes of a Bech32 string; nil with a reason when it is not one.
    static func decode(_ text: String) -> Result<(hrp: String, data: [UInt8]), Bech32Failure> {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else { return .failure(.tooLong) }
        guard bytes.allSatisfy({ $0 >= 33 && $0 <= 126 }) else { return .failure(.badCharacter) }
        let hasLower = bytes.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        let hasUpper = bytes.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        guard !(hasLower && hasUpper) else { return .failure(.mixedCase) }
        let lower = bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        guard let separator = lower.lastIndex(of: UInt8(ascii: "1")), separator >= 1,
            lower.count - separator - 1 >= 6
        else { return .failure(.noSeparator) }
        let hrp = Array(lower[..<separator])
        var values: [UInt8] = []
        for byte in lower[(separator + 1)...] {
            guard let index = charset.firstIndex(of: byte) else { return .failure(.badCharacter) }
            values.append(UInt8(index))
        }
        guard polymod(expand(hrp) + values) == 1 else { return .failure(.badChecksum) }
        guard let data = convert(Array(values.dropLast(6)), from: 5, to: 8, pad: false) else {
            return .failure(.badPadding)
        }
        return .success((String(decoding: hrp, as: UTF8.self), data))
    }
}

/// Why a string is not Bech32.
enum Bech32Failure: Error, Equatable {
    case tooLong, badCharacter, mixedCase, noSeparator, badChecksum, badPadding

    var reason: String {
        switch self {
        case .tooLong: "it is longer than \(Bech32.maximumLength) characters"
        case .badCharacter: "it has a character Bech32 does not use"
        case .mixedCase: "it mixes upper and lower case"
        case .noSeparator: "it has no '1' separator followed by a checksum"
        case .badChecksum: "its checksum does not match (a typo, or a truncated key)"
        case .badPadding: "its data has invalid padding"
        }
    }
}
