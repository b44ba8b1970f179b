/// Why bytes are not a well-formed marshalled TPM2B_PUBLIC, and at which byte.
///
/// Two errors are equal when their ``code`` is equal.
public struct TPMParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier for the kind of structural problem.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable string form, e.g. `"modulus-length"`.
        public let rawValue: String

        /// Wraps a raw code string.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The bytes end before a field is complete.
        public static let truncated = Code(rawValue: "truncated")
        /// The 2-byte size prefix is not the length of the TPMT_PUBLIC that follows.
        public static let sizeMismatch = Code(rawValue: "size-mismatch")
        /// Bytes remain after a complete TPMT_PUBLIC whose size the prefix confirms.
        public static let trailingBytes = Code(rawValue: "trailing-bytes")
        /// The type is not a known TPMI_ALG_PUBLIC.
        public static let unknownType = Code(rawValue: "unknown-type")
        /// The type is KEYEDHASH or SYMCIPHER: a real object, but not an asymmetric key.
        public static let unsupportedType = Code(rawValue: "unsupported-type")
        /// The nameAlg is not SHA1, SHA256, SHA384, SHA512 or SM3_256.
        public static let unknownNameAlgorithm = Code(rawValue: "unknown-name-algorithm")
        /// A bit that TPM 2.0 reserves is set in objectAttributes.
        public static let reservedAttributes = Code(rawValue: "reserved-attributes")
        /// The authPolicy is neither empty nor the digest size of nameAlg.
        public static let badPolicyLength = Code(rawValue: "bad-policy-length")
        /// The symmetric algorithm is not AES, SM4, CAMELLIA or NULL.
        public static let unknownSymmetricAlgorithm = Code(rawValue: "unknown-symmetric-algorithm")
        /// The symmetric key size is not valid for the symmetric algorithm.
        public static let symmetricKeyBits = Code(rawValue: "symmetric-key-bits")
        /// The symmetric mode is not a known block-cipher mode.
        public static let unknownSymmetricMode = Code(rawValue: "unknown-symmetric-mode")
        /// The asymmetric scheme or the KDF is not known for the key type.
        public static let unknownScheme = Code(rawValue: "unknown-scheme")
        /// The hash inside a scheme or KDF is not a known hash algorithm.
        public static let unknownSchemeHash = Code(rawValue: "unknown-scheme-hash")
        /// RSA keyBits is not 2048, 3072 or 4096.
        public static let rsaKeyBits = Code(rawValue: "rsa-key-bits")
        /// The RSA public exponent is 1 or even.
        public static let rsaExponent = Code(rawValue: "rsa-exponent")
        /// The modulus is not exactly keyBits/8 bytes.
        public static let modulusLength = Code(rawValue: "modulus-length")
        /// The modulus's top bit is clear (it is shorter than keyBits).
        public static let modulusTopBit = Code(rawValue: "modulus-top-bit")
        /// The modulus is even, so it cannot be a product of two odd primes.
        public static let modulusEven = Code(rawValue: "modulus-even")
        /// The ECC curve is not NIST P-256/384/521, BN P-256 or SM2.
        public static let unknownCurve = Code(rawValue: "unknown-curve")
        /// An ECC point coordinate is not exactly the curve size.
        public static let eccPointLength = Code(rawValue: "ecc-point-length")

        /// The raw code string.
        public var description: String { rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// The 0-based byte offset, in the decoded TPM2B_PUBLIC (the size prefix is bytes 0–1), of the offending field.
    public let offset: Int
    /// A sentence a factory engineer can act on; it names the byte offset.
    public let message: String

    /// Creates an error.
    public init(code: Code, offset: Int, message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// Equality on ``code`` only.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// Hashes ``code`` only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
