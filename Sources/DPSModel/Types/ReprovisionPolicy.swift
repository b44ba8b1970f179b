/// What happens when a provisioned device asks to be provisioned again.
///
/// Wire type `ReprovisionPolicy` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct ReprovisionPolicy: Codable, Sendable, Hashable {
    /// Whether the device may be assigned to a different hub.
    public var updateHubAssignment: Bool
    /// Whether twin data moves with the device to its new hub.
    public var migrateDeviceData: Bool
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case updateHubAssignment, migrateDeviceData
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        updateHubAssignment: Bool,
        migrateDeviceData: Bool,
        unknownFields: JSONObject = [:]
    ) {
        self.updateHubAssignment = updateHubAssignment
        self.migrateDeviceData = migrateDeviceData
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        updateHubAssignment = try container.decode(Bool.self, forKey: .updateHubAssignment)
        migrateDeviceData = try container.decode(Bool.self, forKey: .migrateDeviceData)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(updateHubAssignment, forKey: .updateHubAssignment)
        try container.encode(migrateDeviceData, forKey: .migrateDeviceData)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
