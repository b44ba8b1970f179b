/// A TPM_ALG_ID: object types, hash, symmetric, scheme and mode algorithms share one 16-bit number space.
///
/// A struct rather than an enum so that an unknown identifier read from a key can still be represented and reported.
public struct TPMAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The TPM_ALG_ID value as marshalled (big-endian on the wire).
    public let rawValue: UInt16

    /// Wraps a TPM_ALG_ID.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    // Object types (TPMI_ALG_PUBLIC).
    /// TPM_ALG_RSA, an RSA key.
    public static let rsa = TPMAlgorithm(rawValue: 0x0001)
    /// TPM_ALG_KEYEDHASH, an HMAC key or sealed data object.
    public static let keyedHash = TPMAlgorithm(rawValue: 0x0008)
    /// TPM_ALG_ECC, an elliptic-curve key.
    public static let ecc = TPMAlgorithm(rawValue: 0x0023)
    /// TPM_ALG_SYMCIPHER, a symmetric key object.
    public static let symCipher = TPMAlgorithm(rawValue: 0x0025)

    // Hash algorithms.
    /// TPM_ALG_SHA1.
    public static let sha1 = TPMAlgorithm(rawValue: 0x0004)
    /// TPM_ALG_SHA256.
    public static let sha256 = TPMAlgorithm(rawValue: 0x000B)
    /// TPM_ALG_SHA384.
    public static let sha384 = TPMAlgorithm(rawValue: 0x000C)
    /// TPM_ALG_SHA512.
    public static let sha512 = TPMAlgorithm(rawValue: 0x000D)
    /// TPM_ALG_SM3_256.
    public static let sm3 = TPMAlgorithm(rawValue: 0x0012)

    // Symmetric algorithms and modes.
    /// TPM_ALG_AES.
    public static let aes = TPMAlgorithm(rawValue: 0x0006)
    /// TPM_ALG_SM4.
    public static let sm4 = TPMAlgorithm(rawValue: 0x0013)
    /// TPM_ALG_CAMELLIA.
    public static let camellia = TPMAlgorithm(rawValue: 0x0026)
    /// TPM_ALG_NULL: "none".
    public static let null = TPMAlgorithm(rawValue: 0x0010)
    /// TPM_ALG_CTR mode.
    public static let ctr = TPMAlgorithm(rawValue: 0x0040)
    /// TPM_ALG_OFB mode.
    public static let ofb = TPMAlgorithm(rawValue: 0x0041)
    /// TPM_ALG_CBC mode.
    public static let cbc = TPMAlgorithm(rawValue: 0x0042)
    /// TPM_ALG_CFB mode, the only mode allowed for a storage key's symmetric definition.
    public static let cfb = TPMAlgorithm(rawValue: 0x0043)
    /// TPM_ALG_ECB mode.
    public static let ecb = TPMAlgorithm(rawValue: 0x0044)

    // Asymmetric schemes and key derivation functions.
    /// TPM_ALG_RSASSA (PKCS#1 v1.5 signatures).
    public static let rsassa = TPMAlgorithm(rawValue: 0x0014)
    /// TPM_ALG_RSAES (PKCS#1 v1.5 encryption).
    public static let rsaes = TPMAlgorithm(rawValue: 0x0015)
    /// TPM_ALG_RSAPSS.
    public static let rsapss = TPMAlgorithm(rawValue: 0x0016)
    /// TPM_ALG_OAEP.
    public static let oaep = TPMAlgorithm(rawValue: 0x0017)
    /// TPM_ALG_ECDSA.
    public static let ecdsa = TPMAlgorithm(rawValue: 0x0018)
    /// TPM_ALG_ECDH.
    public static let ecdh = TPMAlgorithm(rawValue: 0x0019)
    /// TPM_ALG_ECDAA.
    public static let ecdaa = TPMAlgorithm(rawValue: 0x001A)
    /// TPM_ALG_SM2.
    public static let sm2 = TPMAlgorithm(rawValue: 0x001B)
    /// TPM_ALG_ECSCHNORR.
    public static let ecSchnorr = TPMAlgorithm(rawValue: 0x001C)
    /// TPM_ALG_ECMQV.
    public static let ecmqv = TPMAlgorithm(rawValue: 0x001D)
    /// TPM_ALG_MGF1.
    public static let mgf1 = TPMAlgorithm(rawValue: 0x0007)
    /// TPM_ALG_KDF1_SP800_56A.
    public static let kdf1SP80056A = TPMAlgorithm(rawValue: 0x0020)
    /// TPM_ALG_KDF2.
    public static let kdf2 = TPMAlgorithm(rawValue: 0x0021)
    /// TPM_ALG_KDF1_SP800_108.
    public static let kdf1SP800108 = TPMAlgorithm(rawValue: 0x0022)

    private static let names: [UInt16: String] = [
        0x0001: "RSA", 0x0004: "SHA1", 0x0006: "AES", 0x0007: "MGF1", 0x0008: "KEYEDHASH", 0x000B: "SHA256",
        0x000C: "SHA384", 0x000D: "SHA512", 0x0010: "NULL", 0x0012: "SM3_256", 0x0013: "SM4", 0x0014: "RSASSA",
        0x0015: "RSAES", 0x0016: "RSAPSS", 0x0017: "OAEP", 0x0018: "ECDSA", 0x0019: "ECDH", 0x001A: "ECDAA",
        0x001B: "SM2", 0x001C: "ECSCHNORR", 0x001D: "ECMQV", 0x0020: "KDF1_SP800_56A", 0x0021: "KDF2",
        0x0022: "KDF1_SP800_108", 0x0023: "ECC", 0x0025: "SYMCIPHER", 0x0026: "CAMELLIA", 0x0040: "CTR",
        0x0041: "OFB", 0x0042: "CBC", 0x0043: "CFB", 0x0044: "ECB",
    ]

    /// The TCG name without the `TPM_ALG_` prefix (e.g. `SHA256`), or `nil` if unknown.
    public var name: String? { Self.names[rawValue] }

    /// The digest size in bytes when this is a hash algorithm a TPM uses as a name algorithm, else `nil`.
    public var digestSize: Int? {
        switch self {
        case .sha1: 20
        case .sha256, .sm3: 32
        case .sha384: 48
        case .sha512: 64
        default: nil
        }
    }

    /// The name and hex value, e.g. `SHA256 (0x000B)` or `0x1234` when unknown.
    public var description: String {
        let hex = TPMHex.word(rawValue)
        return name.map { "\($0) (\(hex))" } ?? hex
    }
}
