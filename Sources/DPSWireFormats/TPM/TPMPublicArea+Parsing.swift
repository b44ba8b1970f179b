extension TPMPublicArea {
    /// Parses a marshalled, big-endian TPM2B_PUBLIC: a 2-byte size, then a TPMT_PUBLIC of an RSA or ECC key,
    /// and nothing after it.
    ///
    /// Every field is checked: known type and nameAlg, no reserved attribute bits, authPolicy empty or the
    /// nameAlg digest size, a valid symmetric definition and scheme, RSA keyBits 2048/3072/4096 with a modulus of
    /// exactly keyBits/8 bytes that is odd with its top bit set, or a known ECC curve with x and y of exactly the
    /// curve size. Offsets in errors count from the first byte of the size prefix.
    public init(tpm2bPublic bytes: [UInt8]) throws(TPMParseError) {
        var reader = TPMByteReader(bytes)
        let size = Int(try reader.uint16("the 2-byte size prefix"))
        let area: TPMPublicArea
        do {
            area = try Self.parseTPMTPublic(&reader)
        } catch  where error.code == .truncated && size > bytes.count - 2 {
            throw TPMParseError(
                code: .truncated,
                offset: error.offset,
                message: error.message + " (the size prefix says \(size) bytes follow, but only \(bytes.count - 2) do)"
            )
        }
        let end = reader.offset
        guard size == end - 2 else {
            throw TPMParseError(
                code: .sizeMismatch,
                offset: 0,
                message: "size mismatch at byte 0: the size prefix says \(size) bytes follow, but the TPMT_PUBLIC "
                    + "after it is \(end - 2) bytes (the value is \(bytes.count) bytes in all); the prefix must be "
                    + "the total length minus 2 — the bytes were altered or assembled by hand"
            )
        }
        guard end == bytes.count else {
            throw TPMParseError(
                code: .trailingBytes,
                offset: end,
                message: "\(bytes.count - end) unexpected byte(s) at byte \(end), after the end of the key "
                    + "(\(end) bytes); export only the TPM2B_PUBLIC, nothing appended"
            )
        }
        self = area
    }

    /// Parses a TPMT_PUBLIC at the reader's position, leaving the reader just after it.
    /// Whether `bytes` are exactly one TPMT_PUBLIC without the TPM2B size prefix (a common mistake).
    public static func isBareTPMTPublic(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 2 else { return false }
        var reader = TPMByteReader(bytes)
        return (try? parseTPMTPublic(&reader)) != nil && reader.offset == bytes.count
    }

    static func parseTPMTPublic(_ reader: inout TPMByteReader) throws(TPMParseError) -> TPMPublicArea {
        let typeAt = reader.offset
        let type = TPMAlgorithm(rawValue: try reader.uint16("type"))
        switch type {
        case .rsa, .ecc:
            break
        case .keyedHash, .symCipher:
            throw TPMParseError(
                code: .unsupportedType,
                offset: typeAt,
                message: "object type \(type) at byte \(typeAt) is a symmetric/HMAC object, not an asymmetric key; "
                    + "an endorsement or storage root key is RSA (0x0001) or ECC (0x0023)"
            )
        default:
            throw TPMParseError(
                code: .unknownType,
                offset: typeAt,
                message: "unknown object type \(type) at byte \(typeAt): expected RSA (0x0001) or ECC (0x0023); "
                    + "the value is not a TPM2B_PUBLIC (is it a bare TPMT_PUBLIC without its 2-byte size prefix, "
                    + "or a different format?)"
            )
        }

        let nameAt = reader.offset
        let nameAlgorithm = TPMAlgorithm(rawValue: try reader.uint16("nameAlg"))
        guard let digestSize = nameAlgorithm.digestSize else {
            throw TPMParseError(
                code: .unknownNameAlgorithm,
                offset: nameAt,
                message: "unknown nameAlg \(nameAlgorithm) at byte \(nameAt): expected SHA1 (0x0004), "
                    + "SHA256 (0x000B), SHA384 (0x000C), SHA512 (0x000D) or SM3_256 (0x0012)"
            )
        }

        let attributesAt = reader.offset
        let attributes = TPMObjectAttributes(rawValue: try reader.uint32("objectAttributes"))
        let reserved = attributes.intersection(.reserved)
        guard reserved.isEmpty else {
            throw TPMParseError(
                code: .reservedAttributes,
                offset: attributesAt,
                message: "objectAttributes \(TPMHex.dword(attributes.rawValue)) at byte \(attributesAt) set "
                    + "reserved bits \(TPMHex.dword(reserved.rawValue)); no TPM creates such a key — the bytes "
                    + "were altered"
            )
        }

        let policy = try reader.sized("authPolicy")
        guard policy.bytes.isEmpty || policy.bytes.count == digestSize else {
            throw TPMParseError(
                code: .badPolicyLength,
                offset: policy.at,
                message: "authPolicy at byte \(policy.at) is \(policy.bytes.count) bytes; with nameAlg "
                    + "\(nameAlgorithm.name ?? "") it must be empty or \(digestSize) bytes"
            )
        }

        let symmetric = try parseSymmetric(&reader)
        let scheme: TPMScheme
        let key: TPMPublicKey
        if type == .rsa {
            scheme = try parseScheme(&reader, field: "RSA scheme", allowed: rsaSchemes)
            key = .rsa(try parseRSA(&reader))
        } else {
            scheme = try parseScheme(&reader, field: "ECC scheme", allowed: eccSchemes)
            key = .ecc(try parseECC(&reader))
        }
        return TPMPublicArea(
            nameAlgorithm: nameAlgorithm,
            objectAttributes: attributes,
            authPolicy: policy.bytes,
            symmetric: symmetric,
            scheme: scheme,
            key: key
        )
    }
}
