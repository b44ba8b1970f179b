/// An asymmetric scheme or KDF selector (TPMT_RSA_SCHEME, TPMT_ECC_SCHEME, TPMT_KDF_SCHEME).
public struct TPMScheme: Hashable, Sendable, CustomStringConvertible {
    /// The scheme, or NULL for none (a storage key's scheme must be NULL).
    public var algorithm: TPMAlgorithm
    /// The scheme's hash algorithm, when the scheme has one.
    public var hashAlgorithm: TPMAlgorithm?
    /// The ECDAA commit count, for ECDAA only.
    public var count: UInt16?

    /// No scheme.
    public static let null = TPMScheme(algorithm: .null)

    /// Creates a scheme.
    public init(algorithm: TPMAlgorithm, hashAlgorithm: TPMAlgorithm? = nil, count: UInt16? = nil) {
        self.algorithm = algorithm
        self.hashAlgorithm = hashAlgorithm
        self.count = count
    }

    /// E.g. `NULL` or `RSASSA/SHA256`.
    public var description: String {
        let name = algorithm.name ?? algorithm.description
        return hashAlgorithm.map { "\(name)/\($0.name ?? $0.description)" } ?? name
    }
}
