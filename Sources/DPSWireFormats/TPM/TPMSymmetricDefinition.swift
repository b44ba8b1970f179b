/// TPMT_SYM_DEF_OBJECT: the symmetric algorithm a storage key uses to protect its children.
public struct TPMSymmetricDefinition: Hashable, Sendable, CustomStringConvertible {
    /// AES, SM4, CAMELLIA, or NULL for none.
    public var algorithm: TPMAlgorithm
    /// The key size in bits; 0 when ``algorithm`` is NULL (the field is then absent on the wire).
    public var keyBits: UInt16
    /// The block mode (CFB for a storage key); NULL when ``algorithm`` is NULL.
    public var mode: TPMAlgorithm

    /// The "no symmetric algorithm" definition.
    public static let null = TPMSymmetricDefinition(algorithm: .null, keyBits: 0, mode: .null)

    /// Creates a definition.
    public init(algorithm: TPMAlgorithm, keyBits: UInt16, mode: TPMAlgorithm) {
        self.algorithm = algorithm
        self.keyBits = keyBits
        self.mode = mode
    }

    /// E.g. `AES-128-CFB` or `NULL`.
    public var description: String {
        algorithm == .null
            ? "NULL" : "\(algorithm.name ?? algorithm.description)-\(keyBits)-\(mode.name ?? mode.description)"
    }
}
