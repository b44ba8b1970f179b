/// The Azure Function that decides a custom allocation.
///
/// Wire type `CustomAllocationDefinition` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct CustomAllocationDefinition: Codable, Sendable, Hashable {
    /// The webhook URL of the function.
    public var webhookUrl: String
    /// The API version the function speaks.
    public var apiVersion: String
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case webhookUrl, apiVersion
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        webhookUrl: String,
        apiVersion: String,
        unknownFields: JSONObject = [:]
    ) {
        self.webhookUrl = webhookUrl
        self.apiVersion = apiVersion
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        webhookUrl = try container.decode(String.self, forKey: .webhookUrl)
        apiVersion = try container.decode(String.self, forKey: .apiVersion)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(webhookUrl, forKey: .webhookUrl)
        try container.encode(apiVersion, forKey: .apiVersion)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
