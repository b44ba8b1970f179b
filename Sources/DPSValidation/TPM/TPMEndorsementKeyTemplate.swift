import DPSWireFormats

/// The TCG EK Credential Profile low-range templates an endorsement key can match.
public enum TPMEndorsementKeyTemplate: String, Sendable, Hashable {
    /// Template L-1: RSA-2048, SHA256, AES-128-CFB, policy A — the EK every DPS sample uses.
    case rsa2048L1 = "RSA-2048 (L-1)"
    /// Template L-2: ECC NIST P-256, SHA256, AES-128-CFB, policy A.
    case eccP256L2 = "ECC NIST P-256 (L-2)"

    /// The SHA-256 PolicyA digest of templates L-1 and L-2 (PolicySecret(TPM_RH_ENDORSEMENT)).
    public static let policyASHA256: [UInt8] = TPMHex.bytes(
        "837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa"
    )!

    /// EK policy digests from the TCG EK Credential Profile: PolicyA SHA256 (low range) and PolicyB SHA256,
    /// SHA384 and SHA512 (high-range templates, as used by `tpm2_createek -G rsa3072`, `ecc384`, ...).
    /// A key with one of these is an endorsement key.
    public static let knownEndorsementPolicies: Set<[UInt8]> = [
        policyASHA256,
        TPMHex.bytes("ca3d0a99a2b93906f7a3342414efcfb3a385d44cd1fd459089d19b5071c0b7a0")!,
        TPMHex.bytes(
            "b26e7d28d11a50bc53d882bcf5fd3a1a074148bb35d3b4e4cb1c0ad9bde419cacb47ba09699646150f9fc000f3f80e12"
        )!,
        TPMHex.bytes(
            "b8221ca69e8550a4914de3faa6a18c072cc01208073a928d5d66d59ef79e49a4"
                + "29c41a6b269571d57edb25fbdb1838425608b413cd616a5f6db5b6071af99bea"
        )!,
    ]

    /// The first 60 bytes of every L-1 RSA-2048 EK: size 0x013A through the modulus length 0x0100.
    /// (Its base64 is `AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEA`.)
    public static let rsa2048L1Prefix: [UInt8] = TPMHex.bytes(
        "013a0001000b000300b20020837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa"
            + "0006008000430010080000000000" + "0100"
    )!

    /// Whether `bytes` is a well-formed TPM2B_PUBLIC of the standard RSA-2048 EK (template L-1).
    public static func isStandardRSA2048EK(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 316, bytes.starts(with: rsa2048L1Prefix) else { return false }
        return (try? TPMPublicArea(tpm2bPublic: bytes)) != nil
    }
}

extension TPMPublicArea {
    /// The standard EK template this public area matches exactly, or `nil`.
    public var endorsementKeyTemplate: TPMEndorsementKeyTemplate? {
        guard nameAlgorithm == .sha256,
            objectAttributes == .standardEndorsementKey,
            authPolicy == TPMEndorsementKeyTemplate.policyASHA256,
            symmetric == TPMSymmetricDefinition(algorithm: .aes, keyBits: 128, mode: .cfb),
            scheme == .null
        else { return nil }
        switch key {
        case .rsa(let rsa) where rsa.keyBits == 2048 && rsa.exponent == 0:
            return .rsa2048L1
        case .ecc(let ecc) where ecc.curve == .nistP256 && ecc.kdf == .null:
            return .eccP256L2
        default:
            return nil
        }
    }
}
