/// A bulk operation on up to 10 individual enrollments.
///
/// Wire type `BulkEnrollmentOperation` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct BulkEnrollmentOperation: Codable, Sendable, Hashable {
    /// The enrollments.
    public var enrollments: [IndividualEnrollment]
    /// What to do with them.
    public var mode: BulkOperationMode
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enrollments, mode
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        enrollments: [IndividualEnrollment],
        mode: BulkOperationMode,
        unknownFields: JSONObject = [:]
    ) {
        self.enrollments = enrollments
        self.mode = mode
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enrollments = try container.decode([IndividualEnrollment].self, forKey: .enrollments)
        mode = try container.decode(BulkOperationMode.self, forKey: .mode)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(enrollments, forKey: .enrollments)
        try container.encode(mode, forKey: .mode)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
