/// A parsed TPMT_PUBLIC (the body of a TPM2B_PUBLIC) of an RSA or ECC key.
///
/// Create one from the marshalled big-endian bytes with ``init(tpm2bPublic:)``, which checks the structure
/// completely and throws a ``TPMParseError`` naming the first problem and its byte offset.
public struct TPMPublicArea: Hashable, Sendable {
    /// The object type, ``TPMAlgorithm/rsa`` or ``TPMAlgorithm/ecc``.
    public var type: TPMAlgorithm { key.type }
    /// The hash algorithm used for the object's name and policy.
    public var nameAlgorithm: TPMAlgorithm
    /// The object attributes.
    public var objectAttributes: TPMObjectAttributes
    /// The authorization policy digest; empty, or the digest size of ``nameAlgorithm``.
    public var authPolicy: [UInt8]
    /// The symmetric definition for protecting children (AES-128-CFB for the standard EK).
    public var symmetric: TPMSymmetricDefinition
    /// The asymmetric scheme; NULL for a storage key.
    public var scheme: TPMScheme
    /// The key parameters and public key.
    public var key: TPMPublicKey

    /// Creates a public area from parts.
    public init(
        nameAlgorithm: TPMAlgorithm,
        objectAttributes: TPMObjectAttributes,
        authPolicy: [UInt8],
        symmetric: TPMSymmetricDefinition,
        scheme: TPMScheme,
        key: TPMPublicKey
    ) {
        self.nameAlgorithm = nameAlgorithm
        self.objectAttributes = objectAttributes
        self.authPolicy = authPolicy
        self.symmetric = symmetric
        self.scheme = scheme
        self.key = key
    }

    /// A short human description, e.g. `RSA-2048` or `ECC NIST P-256`.
    public var keyDescription: String {
        switch key {
        case .rsa(let rsa): "RSA-\(rsa.keyBits)"
        case .ecc(let ecc): "ECC \(ecc.curve.name ?? ecc.curve.description)"
        }
    }
}

extension TPMPublicKey {
    /// The TPM object type of this key.
    public var type: TPMAlgorithm {
        switch self {
        case .rsa: .rsa
        case .ecc: .ecc
        }
    }
}
