extension TPMPublicArea {
    /// RSA schemes and whether their details carry a hash algorithm.
    static let rsaSchemes: [TPMAlgorithm: Bool] = [.rsassa: true, .rsapss: true, .oaep: true, .rsaes: false]
    /// ECC schemes (all carry a hash algorithm; ECDAA also a count).
    static let eccSchemes: [TPMAlgorithm: Bool] = [
        .ecdsa: true, .ecdh: true, .ecdaa: true, .sm2: true, .ecSchnorr: true, .ecmqv: true,
    ]
    /// Key derivation functions (all carry a hash algorithm).
    static let kdfSchemes: [TPMAlgorithm: Bool] = [
        .mgf1: true, .kdf1SP80056A: true, .kdf2: true, .kdf1SP800108: true,
    ]

    /// Valid symmetric key sizes (ascending) and modes, and RSA key sizes: static, as every key is checked
    /// against them.
    static let aesKeyBits: [UInt16] = [128, 192, 256]
    static let sm4KeyBits: [UInt16] = [128]
    static let symmetricModes: [TPMAlgorithm] = [.ctr, .ofb, .cbc, .cfb, .ecb, .null]
    static let rsaKeyBits: [UInt16] = [2048, 3072, 4096]

    /// TPMT_SYM_DEF_OBJECT: algorithm, then keyBits and mode unless the algorithm is NULL.
    static func parseSymmetric(_ reader: inout TPMByteReader) throws(TPMParseError) -> TPMSymmetricDefinition {
        let at = reader.offset
        let algorithm = TPMAlgorithm(rawValue: try reader.uint16("symmetric algorithm"))
        let validBits: [UInt16]
        switch algorithm {
        case .null: return .null
        case .aes, .camellia: validBits = Self.aesKeyBits
        case .sm4: validBits = Self.sm4KeyBits
        default:
            throw TPMParseError(
                code: .unknownSymmetricAlgorithm,
                offset: at,
                message: "unknown symmetric algorithm \(algorithm) at byte \(at): expected AES (0x0006), "
                    + "SM4 (0x0013), CAMELLIA (0x0026) or NULL (0x0010)"
            )
        }
        let bitsAt = reader.offset
        let keyBits = try reader.uint16("symmetric keyBits")
        guard validBits.contains(keyBits) else {
            throw TPMParseError(
                code: .symmetricKeyBits,
                offset: bitsAt,
                message: "symmetric keyBits \(keyBits) at byte \(bitsAt) is not valid for \(algorithm.name ?? "") "
                    + "(expected \(validBits.map(String.init).joined(separator: ", ")))"
            )
        }
        let modeAt = reader.offset
        let mode = TPMAlgorithm(rawValue: try reader.uint16("symmetric mode"))
        guard Self.symmetricModes.contains(mode) else {
            throw TPMParseError(
                code: .unknownSymmetricMode,
                offset: modeAt,
                message: "unknown symmetric mode \(mode) at byte \(modeAt): expected CFB (0x0043) for a storage key"
            )
        }
        return TPMSymmetricDefinition(algorithm: algorithm, keyBits: keyBits, mode: mode)
    }

    /// A scheme selector, then its details (hash algorithm, and for ECDAA a count) unless NULL.
    static func parseScheme(
        _ reader: inout TPMByteReader,
        field: String,
        allowed: [TPMAlgorithm: Bool]
    ) throws(TPMParseError) -> TPMScheme {
        let at = reader.offset
        let algorithm = TPMAlgorithm(rawValue: try reader.uint16(field))
        if algorithm == .null { return .null }
        guard let hasHash = allowed[algorithm] else {
            throw TPMParseError(
                code: .unknownScheme,
                offset: at,
                message: "unknown \(field) \(algorithm) at byte \(at); a storage key has NULL (0x0010)"
            )
        }
        guard hasHash else { return TPMScheme(algorithm: algorithm) }
        let hashAt = reader.offset
        let hash = TPMAlgorithm(rawValue: try reader.uint16("\(field) hash algorithm"))
        guard hash.digestSize != nil else {
            throw TPMParseError(
                code: .unknownSchemeHash,
                offset: hashAt,
                message: "unknown hash algorithm \(hash) at byte \(hashAt) in the \(field)"
            )
        }
        let count = algorithm == .ecdaa ? try reader.uint16("ECDAA count") : nil
        return TPMScheme(algorithm: algorithm, hashAlgorithm: hash, count: count)
    }

    /// keyBits, exponent, then the unique modulus (TPM2B_PUBLIC_KEY_RSA).
    static func parseRSA(_ reader: inout TPMByteReader) throws(TPMParseError) -> TPMRSAPublicKey {
        let bitsAt = reader.offset
        let keyBits = try reader.uint16("RSA keyBits")
        guard Self.rsaKeyBits.contains(keyBits) else {
            throw TPMParseError(
                code: .rsaKeyBits,
                offset: bitsAt,
                message: "RSA keyBits \(keyBits) at byte \(bitsAt) is not supported: expected 2048, 3072 or 4096"
            )
        }
        let exponentAt = reader.offset
        let exponent = try reader.uint32("RSA exponent")
        guard exponent == 0 || (exponent > 1 && exponent & 1 == 1) else {
            throw TPMParseError(
                code: .rsaExponent,
                offset: exponentAt,
                message: "RSA exponent \(exponent) at byte \(exponentAt) is invalid: 0 (meaning 65537) or an odd "
                    + "number above 1 is required"
            )
        }
        let modulus = try reader.sized("RSA modulus")
        let expected = Int(keyBits) / 8
        guard modulus.bytes.count == expected else {
            let hint = modulus.bytes.isEmpty ? "; an empty unique field means this is a key template, not a key" : ""
            throw TPMParseError(
                code: .modulusLength,
                offset: modulus.at,
                message: "RSA modulus at byte \(modulus.at) is \(modulus.bytes.count) bytes; a \(keyBits)-bit key "
                    + "has exactly \(expected)\(hint)"
            )
        }
        guard modulus.bytes[0] & 0x80 != 0 else {
            throw TPMParseError(
                code: .modulusTopBit,
                offset: modulus.at + 2,
                message: "RSA modulus at byte \(modulus.at + 2) does not have its top bit set, so it is shorter "
                    + "than \(keyBits) bits; a TPM never creates such a key — the bytes were altered"
            )
        }
        guard modulus.bytes[expected - 1] & 1 == 1 else {
            throw TPMParseError(
                code: .modulusEven,
                offset: modulus.at + 1 + expected,
                message: "RSA modulus ending at byte \(modulus.at + 1 + expected) is even, so it is not a product of "
                    + "two primes; the bytes were altered"
            )
        }
        return TPMRSAPublicKey(keyBits: keyBits, exponent: exponent, modulus: modulus.bytes)
    }

    /// curveID, kdf, then the unique point (x and y, each a TPM2B).
    static func parseECC(_ reader: inout TPMByteReader) throws(TPMParseError) -> TPMECCPublicKey {
        let curveAt = reader.offset
        let curve = TPMECCCurve(rawValue: try reader.uint16("ECC curveID"))
        guard let size = curve.coordinateSize else {
            throw TPMParseError(
                code: .unknownCurve,
                offset: curveAt,
                message: "unknown ECC curve \(curve) at byte \(curveAt): expected NIST P-256 (0x0003), "
                    + "P-384 (0x0004), P-521 (0x0005), BN P-256 (0x0010) or SM2 (0x0020)"
            )
        }
        let kdf = try parseScheme(&reader, field: "ECC KDF", allowed: kdfSchemes)
        let x = try reader.sized("ECC x coordinate")
        let y = try reader.sized("ECC y coordinate")
        for (name, coordinate) in [("x", x), ("y", y)] where coordinate.bytes.count != size {
            throw TPMParseError(
                code: .eccPointLength,
                offset: coordinate.at,
                message: "ECC \(name) coordinate at byte \(coordinate.at) is \(coordinate.bytes.count) bytes; "
                    + "\(curve.name ?? "the curve") needs exactly \(size)"
            )
        }
        return TPMECCPublicKey(curve: curve, kdf: kdf, x: x.bytes, y: y.bytes)
    }
}
