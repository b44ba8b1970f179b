/// The type-specific public key of a TPMT_PUBLIC: the key parameters together with the unique field.
public enum TPMPublicKey: Hashable, Sendable {
    /// An RSA key.
    case rsa(TPMRSAPublicKey)
    /// An elliptic-curve key.
    case ecc(TPMECCPublicKey)
}

/// TPMS_RSA_PARMS (less the shared symmetric and scheme fields) and the modulus from TPMU_PUBLIC_ID.
public struct TPMRSAPublicKey: Hashable, Sendable {
    /// The modulus size in bits: 2048, 3072 or 4096.
    public var keyBits: UInt16
    /// The public exponent as marshalled; 0 means the default 65537.
    public var exponent: UInt32
    /// The big-endian modulus, exactly `keyBits / 8` bytes.
    public var modulus: [UInt8]

    /// Creates a key.
    public init(keyBits: UInt16, exponent: UInt32, modulus: [UInt8]) {
        self.keyBits = keyBits
        self.exponent = exponent
        self.modulus = modulus
    }

    /// The exponent in effect (65537 when the marshalled value is 0).
    public var effectiveExponent: UInt32 { exponent == 0 ? 65537 : exponent }
}

/// TPMS_ECC_PARMS (less the shared symmetric and scheme fields) and the point from TPMU_PUBLIC_ID.
public struct TPMECCPublicKey: Hashable, Sendable {
    /// The curve.
    public var curve: TPMECCCurve
    /// The key derivation function; NULL for a storage key.
    public var kdf: TPMScheme
    /// The x coordinate, exactly the curve size.
    public var x: [UInt8]
    /// The y coordinate, exactly the curve size.
    public var y: [UInt8]

    /// Creates a key.
    public init(curve: TPMECCCurve, kdf: TPMScheme, x: [UInt8], y: [UInt8]) {
        self.curve = curve
        self.kdf = kdf
        self.x = x
        self.y = y
    }
}
