/// A TPM_ECC_CURVE identifier.
public struct TPMECCCurve: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The TPM_ECC_CURVE value.
    public let rawValue: UInt16

    /// Wraps a TPM_ECC_CURVE.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// TPM_ECC_NIST_P256 (secp256r1).
    public static let nistP256 = TPMECCCurve(rawValue: 0x0003)
    /// TPM_ECC_NIST_P384.
    public static let nistP384 = TPMECCCurve(rawValue: 0x0004)
    /// TPM_ECC_NIST_P521.
    public static let nistP521 = TPMECCCurve(rawValue: 0x0005)
    /// TPM_ECC_BN_P256.
    public static let bnP256 = TPMECCCurve(rawValue: 0x0010)
    /// TPM_ECC_SM2_P256.
    public static let sm2P256 = TPMECCCurve(rawValue: 0x0020)

    /// The size in bytes of each coordinate of a public point on this curve, or `nil` for an unknown curve.
    public var coordinateSize: Int? {
        switch self {
        case .nistP256, .bnP256, .sm2P256: 32
        case .nistP384: 48
        case .nistP521: 66
        default: nil
        }
    }

    /// A short name, e.g. `NIST P-256`.
    public var name: String? {
        switch self {
        case .nistP256: "NIST P-256"
        case .nistP384: "NIST P-384"
        case .nistP521: "NIST P-521"
        case .bnP256: "BN P-256"
        case .sm2P256: "SM2 P-256"
        default: nil
        }
    }

    /// The name and hex value.
    public var description: String {
        let hex = TPMHex.word(rawValue)
        return name.map { "\($0) (\(hex))" } ?? hex
    }
}
