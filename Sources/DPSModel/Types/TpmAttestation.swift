/// TPM attestation: base64 of marshalled TPM2B_PUBLIC structures.
///
/// Wire type `TpmAttestation` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct TpmAttestation: Codable, Sendable, Hashable {
    /// The endorsement key (required by the service).
    public var endorsementKey: String?
    /// The storage root key.
    public var storageRootKey: String?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case endorsementKey, storageRootKey
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        endorsementKey: String? = nil,
        storageRootKey: String? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.endorsementKey = endorsementKey
        self.storageRootKey = storageRootKey
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        endorsementKey = try container.decodeIfPresent(String.self, forKey: .endorsementKey)
        storageRootKey = try container.decodeIfPresent(String.self, forKey: .storageRootKey)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(endorsementKey, forKey: .endorsementKey)
        try container.encodeIfPresent(storageRootKey, forKey: .storageRootKey)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
