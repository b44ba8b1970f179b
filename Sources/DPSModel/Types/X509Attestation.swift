/// X.509 attestation.
///
/// Wire type `X509Attestation` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct X509Attestation: Codable, Sendable, Hashable {
    /// Client certificates of an individual enrollment.
    public var clientCertificates: X509Certificates?
    /// Signing certificates of an enrollment group.
    public var signingCertificates: X509Certificates?
    /// Names of CA certificates registered with the service.
    public var caReferences: X509CAReferences?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case clientCertificates, signingCertificates, caReferences
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        clientCertificates: X509Certificates? = nil,
        signingCertificates: X509Certificates? = nil,
        caReferences: X509CAReferences? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.clientCertificates = clientCertificates
        self.signingCertificates = signingCertificates
        self.caReferences = caReferences
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clientCertificates = try container.decodeIfPresent(X509Certificates.self, forKey: .clientCertificates)
        signingCertificates = try container.decodeIfPresent(X509Certificates.self, forKey: .signingCertificates)
        caReferences = try container.decodeIfPresent(X509CAReferences.self, forKey: .caReferences)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(clientCertificates, forKey: .clientCertificates)
        try container.encodeIfPresent(signingCertificates, forKey: .signingCertificates)
        try container.encodeIfPresent(caReferences, forKey: .caReferences)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
