/// Device capabilities.
///
/// Wire type `DeviceCapabilities` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct DeviceCapabilities: Codable, Sendable, Hashable {
    /// Whether the device is an IoT Edge device.
    public var iotEdge: Bool
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case iotEdge
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        iotEdge: Bool,
        unknownFields: JSONObject = [:]
    ) {
        self.iotEdge = iotEdge
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iotEdge = try container.decode(Bool.self, forKey: .iotEdge)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(iotEdge, forKey: .iotEdge)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
