/// A certificate as PEM or base64 DER, and the information the service computed from it.
///
/// Wire type `X509CertificateWithInfo` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct X509CertificateWithInfo: Codable, Sendable, Hashable {
    /// The certificate (input only; the service does not return it).
    public var certificate: String?
    /// Read-only facts the service computed from the certificate.
    @Indirect public var info: X509CertificateInfo?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case certificate, info
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        certificate: String? = nil,
        info: X509CertificateInfo? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.certificate = certificate
        self.info = info
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        certificate = try container.decodeIfPresent(String.self, forKey: .certificate)
        info = try container.decodeIfPresent(X509CertificateInfo.self, forKey: .info)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(certificate, forKey: .certificate)
        try container.encodeIfPresent(info, forKey: .info)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
