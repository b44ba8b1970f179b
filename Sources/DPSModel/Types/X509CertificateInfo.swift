/// Facts about a certificate, computed by the service.
///
/// Wire type `X509CertificateInfo` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct X509CertificateInfo: Codable, Sendable, Hashable {
    /// Subject distinguished name.
    public var subjectName: String?
    /// SHA-1 thumbprint, hexadecimal.
    public var sha1Thumbprint: String?
    /// SHA-256 thumbprint, hexadecimal.
    public var sha256Thumbprint: String?
    /// Issuer distinguished name.
    public var issuerName: String?
    /// Start of validity.
    public var notBeforeUtc: Timestamp?
    /// End of validity.
    public var notAfterUtc: Timestamp?
    /// Serial number, hexadecimal.
    public var serialNumber: String?
    /// X.509 version (3 for v3).
    public var version: Int?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case subjectName, sha1Thumbprint, sha256Thumbprint, issuerName, notBeforeUtc, notAfterUtc, serialNumber, version
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        subjectName: String? = nil,
        sha1Thumbprint: String? = nil,
        sha256Thumbprint: String? = nil,
        issuerName: String? = nil,
        notBeforeUtc: Timestamp? = nil,
        notAfterUtc: Timestamp? = nil,
        serialNumber: String? = nil,
        version: Int? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.subjectName = subjectName
        self.sha1Thumbprint = sha1Thumbprint
        self.sha256Thumbprint = sha256Thumbprint
        self.issuerName = issuerName
        self.notBeforeUtc = notBeforeUtc
        self.notAfterUtc = notAfterUtc
        self.serialNumber = serialNumber
        self.version = version
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subjectName = try container.decodeIfPresent(String.self, forKey: .subjectName)
        sha1Thumbprint = try container.decodeIfPresent(String.self, forKey: .sha1Thumbprint)
        sha256Thumbprint = try container.decodeIfPresent(String.self, forKey: .sha256Thumbprint)
        issuerName = try container.decodeIfPresent(String.self, forKey: .issuerName)
        notBeforeUtc = try container.decodeIfPresent(Timestamp.self, forKey: .notBeforeUtc)
        notAfterUtc = try container.decodeIfPresent(Timestamp.self, forKey: .notAfterUtc)
        serialNumber = try container.decodeIfPresent(String.self, forKey: .serialNumber)
        version = try container.decodeIfPresent(Int.self, forKey: .version)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(subjectName, forKey: .subjectName)
        try container.encodeIfPresent(sha1Thumbprint, forKey: .sha1Thumbprint)
        try container.encodeIfPresent(sha256Thumbprint, forKey: .sha256Thumbprint)
        try container.encodeIfPresent(issuerName, forKey: .issuerName)
        try container.encodeIfPresent(notBeforeUtc, forKey: .notBeforeUtc)
        try container.encodeIfPresent(notAfterUtc, forKey: .notAfterUtc)
        try container.encodeIfPresent(serialNumber, forKey: .serialNumber)
        try container.encodeIfPresent(version, forKey: .version)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
