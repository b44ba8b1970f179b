/// Metadata of a twin collection.
///
/// Wire type `Metadata` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct TwinMetadata: Codable, Sendable, Hashable {
    /// When the collection was last updated.
    public var lastUpdated: Timestamp?
    /// The version at the last update.
    public var lastUpdatedVersion: Int?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case lastUpdated, lastUpdatedVersion
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        lastUpdated: Timestamp? = nil,
        lastUpdatedVersion: Int? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.lastUpdated = lastUpdated
        self.lastUpdatedVersion = lastUpdatedVersion
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lastUpdated = try container.decodeIfPresent(Timestamp.self, forKey: .lastUpdated)
        lastUpdatedVersion = try container.decodeIfPresent(Int.self, forKey: .lastUpdatedVersion)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(lastUpdated, forKey: .lastUpdated)
        try container.encodeIfPresent(lastUpdatedVersion, forKey: .lastUpdatedVersion)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
