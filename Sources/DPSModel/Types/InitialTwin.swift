/// The initial device twin: tags and desired properties.
///
/// Wire type `InitialTwin` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct InitialTwin: Codable, Sendable, Hashable {
    /// Twin tags.
    public var tags: TwinCollection?
    /// Twin properties.
    public var properties: InitialTwinProperties?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case tags, properties
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        tags: TwinCollection? = nil,
        properties: InitialTwinProperties? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.tags = tags
        self.properties = properties
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tags = try container.decodeIfPresent(TwinCollection.self, forKey: .tags)
        properties = try container.decodeIfPresent(InitialTwinProperties.self, forKey: .properties)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(tags, forKey: .tags)
        try container.encodeIfPresent(properties, forKey: .properties)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
