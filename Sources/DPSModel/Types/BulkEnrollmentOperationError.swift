/// The failure of one item of a bulk operation.
///
/// Wire type `BulkEnrollmentOperationError` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct BulkEnrollmentOperationError: Codable, Sendable, Hashable {
    /// The registration ID of the item.
    public var registrationId: String
    /// The service error code.
    public var errorCode: Int
    /// The service error message.
    public var errorStatus: String
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case registrationId, errorCode, errorStatus
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        registrationId: String,
        errorCode: Int,
        errorStatus: String,
        unknownFields: JSONObject = [:]
    ) {
        self.registrationId = registrationId
        self.errorCode = errorCode
        self.errorStatus = errorStatus
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        registrationId = try container.decode(String.self, forKey: .registrationId)
        errorCode = try container.decode(Int.self, forKey: .errorCode)
        errorStatus = try container.decode(String.self, forKey: .errorStatus)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(registrationId, forKey: .registrationId)
        try container.encode(errorCode, forKey: .errorCode)
        try container.encode(errorStatus, forKey: .errorStatus)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
