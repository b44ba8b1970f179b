/// The body the service returns with every error.
///
/// Wire type `ProvisioningServiceErrorDetails` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct ProvisioningServiceErrorDetails: Codable, Sendable, Hashable {
    /// Six-digit service error code (HTTP status × 1000 + n).
    public var errorCode: Int?
    /// Tracking ID of the failed request.
    public var trackingId: String?
    /// Human-readable message.
    public var message: String?
    /// Additional information.
    public var info: [String: String]?
    /// When the error happened.
    public var timestampUtc: Timestamp?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case errorCode, trackingId, message, info, timestampUtc
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        errorCode: Int? = nil,
        trackingId: String? = nil,
        message: String? = nil,
        info: [String: String]? = nil,
        timestampUtc: Timestamp? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.errorCode = errorCode
        self.trackingId = trackingId
        self.message = message
        self.info = info
        self.timestampUtc = timestampUtc
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        errorCode = try container.decodeIfPresent(Int.self, forKey: .errorCode)
        trackingId = try container.decodeIfPresent(String.self, forKey: .trackingId)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        info = try container.decodeIfPresent([String: String].self, forKey: .info)
        timestampUtc = try container.decodeIfPresent(Timestamp.self, forKey: .timestampUtc)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(errorCode, forKey: .errorCode)
        try container.encodeIfPresent(trackingId, forKey: .trackingId)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encodeIfPresent(info, forKey: .info)
        try container.encodeIfPresent(timestampUtc, forKey: .timestampUtc)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
