/// A primary and an optional secondary certificate.
///
/// Wire type `X509Certificates` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct X509Certificates: Codable, Sendable, Hashable {
    /// The primary certificate.
    @Indirect public var primary: X509CertificateWithInfo?
    /// The secondary certificate.
    @Indirect public var secondary: X509CertificateWithInfo?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case primary, secondary
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        primary: X509CertificateWithInfo? = nil,
        secondary: X509CertificateWithInfo? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.primary = primary
        self.secondary = secondary
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        primary = try container.decodeIfPresent(X509CertificateWithInfo.self, forKey: .primary)
        secondary = try container.decodeIfPresent(X509CertificateWithInfo.self, forKey: .secondary)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(primary, forKey: .primary)
        try container.encodeIfPresent(secondary, forKey: .secondary)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
