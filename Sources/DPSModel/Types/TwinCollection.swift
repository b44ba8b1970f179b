/// A collection of twin properties (tags, desired properties, optional device information).
///
/// Wire type `TwinCollection`: besides `version`, `count` and `metadata`, every member is a property of the
/// twin, kept in `properties` as free-form JSON.
public struct TwinCollection: Codable, Sendable, Hashable {
    /// Version of the collection.
    public var version: Int?
    /// Number of properties in the collection.
    public var count: Int?
    /// Metadata of the collection.
    public var metadata: TwinMetadata?
    /// The twin properties themselves: every member other than `version`, `count` and `metadata`.
    public var properties: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, count, metadata
    }

    /// Creates a collection holding `properties`.
    public init(properties: JSONObject = [:], version: Int? = nil, count: Int? = nil, metadata: TwinMetadata? = nil) {
        self.properties = properties
        self.version = version
        self.count = count
        self.metadata = metadata
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(Int.self, forKey: .version)
        count = try container.decodeIfPresent(Int.self, forKey: .count)
        metadata = try container.decodeIfPresent(TwinMetadata.self, forKey: .metadata)
        properties = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(version, forKey: .version)
        try container.encodeIfPresent(count, forKey: .count)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try encoder.encodeUnknownFields(properties)
    }
}
