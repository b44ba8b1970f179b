import DPSWireFormats

/// One finding about a TPM key given for a DPS column.
///
/// Two issues are equal when their ``code`` and ``severity`` are equal.
public struct TPMKeyIssue: Sendable, Hashable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// The service would reject the key or the device could not attest with it.
        case error
        /// Structurally valid but unusual; DPS may or may not accept it.
        case warning

        /// Errors sort before warnings.
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .error && rhs == .warning }
    }

    /// A stable identifier for the kind of finding.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable string form, e.g. `"srk-in-ek-column"`.
        public let rawValue: String

        /// Wraps a raw code string.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The column is empty (only reported by the base64 entry point for the EK).
        public static let emptyKey = Code(rawValue: "empty-key")
        /// The text is not strict standard base64; ``TPMKeyIssue/base64Error`` has the details.
        public static let invalidBase64 = Code(rawValue: "invalid-base64")
        /// A PEM public key (`-----BEGIN PUBLIC KEY-----` etc.) instead of a TPM2B_PUBLIC.
        public static let pemKey = Code(rawValue: "pem-key")
        /// An X.509 certificate (PEM or DER), probably the EK certificate, instead of the EK public area.
        public static let certificate = Code(rawValue: "ek-certificate")
        /// A DER SubjectPublicKeyInfo (or other ASN.1) instead of a TPM2B_PUBLIC.
        public static let derPublicKey = Code(rawValue: "der-public-key")
        /// A TPMT_PUBLIC without its 2-byte size prefix.
        public static let bareTPMTPublic = Code(rawValue: "bare-tpmt-public")
        /// The TPM2B_PUBLIC was written as hex instead of base64.
        public static let hexEncoded = Code(rawValue: "hex-encoded")
        /// The bytes are not a well-formed TPM2B_PUBLIC; ``TPMKeyIssue/parseError`` has the details.
        public static let malformedPublicArea = Code(rawValue: "malformed-public-area")
        /// The storage-key attributes are missing, or sign is set.
        public static let notAStorageKey = Code(rawValue: "not-a-storage-key")
        /// The symmetric definition is NULL or not CFB, which a storage key cannot have.
        public static let storageSymmetric = Code(rawValue: "storage-symmetric")
        /// The asymmetric scheme is not NULL, which a storage key cannot have.
        public static let storageScheme = Code(rawValue: "storage-scheme")
        /// The ECC KDF is not NULL, which a storage key cannot have.
        public static let storageKDF = Code(rawValue: "storage-kdf")
        /// In the EK column: no adminWithPolicy or an empty policy — it looks like a storage root key.
        public static let srkInEKColumn = Code(rawValue: "srk-in-ek-column")
        /// In the SRK column: the key has a TCG endorsement-key policy — it looks like an endorsement key.
        public static let ekInSRKColumn = Code(rawValue: "ek-in-srk-column")
        /// A valid EK that is not the standard RSA-2048 template L-1 (e.g. ECC P-256 or RSA-3072).
        public static let nonStandardEK = Code(rawValue: "non-standard-ek")

        /// The raw code string.
        public var description: String { rawValue }
    }

    /// Error or warning.
    public let severity: Severity
    /// What kind of finding.
    public let code: Code
    /// A sentence a factory engineer can act on.
    public let message: String
    /// The structural error, for ``Code/malformedPublicArea``.
    public let parseError: TPMParseError?
    /// The base64 error, for ``Code/invalidBase64``.
    public let base64Error: StrictBase64Error?

    /// Creates an issue.
    public init(
        _ severity: Severity,
        _ code: Code,
        _ message: String,
        parseError: TPMParseError? = nil,
        base64Error: StrictBase64Error? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.parseError = parseError
        self.base64Error = base64Error
    }

    /// `error[code]: message`.
    public var description: String { "\(severity.rawValue)[\(code.rawValue)]: \(message)" }

    /// Equality on ``code`` and ``severity``.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code && lhs.severity == rhs.severity }

    /// Hashes ``code`` and ``severity``, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(severity)
    }
}
