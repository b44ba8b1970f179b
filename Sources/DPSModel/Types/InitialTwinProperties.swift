/// The properties of an initial twin.
///
/// Wire type `InitialTwinProperties` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct InitialTwinProperties: Codable, Sendable, Hashable {
    /// Desired properties.
    public var desired: TwinCollection?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case desired
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        desired: TwinCollection? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.desired = desired
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        desired = try container.decodeIfPresent(TwinCollection.self, forKey: .desired)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(desired, forKey: .desired)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
