/// The result of a bulk operation on enrollment groups (not atomic).
///
/// Wire type `BulkEnrollmentGroupOperationResult` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct BulkEnrollmentGroupOperationResult: Codable, Sendable, Hashable {
    /// One entry per failed item.
    public var errors: [BulkEnrollmentGroupOperationError]?
    /// Whether every item succeeded.
    public var isSuccessful: Bool
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case errors, isSuccessful
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        errors: [BulkEnrollmentGroupOperationError]? = nil,
        isSuccessful: Bool,
        unknownFields: JSONObject = [:]
    ) {
        self.errors = errors
        self.isSuccessful = isSuccessful
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        errors = try container.decodeIfPresent([BulkEnrollmentGroupOperationError].self, forKey: .errors)
        isSuccessful = try container.decode(Bool.self, forKey: .isSuccessful)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(errors, forKey: .errors)
        try container.encode(isSuccessful, forKey: .isSuccessful)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
