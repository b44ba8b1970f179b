/// A bulk operation on up to 10 enrollment groups.
///
/// Wire type `BulkEnrollmentGroupOperation` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct BulkEnrollmentGroupOperation: Codable, Sendable, Hashable {
    /// The enrollment groups.
    public var enrollmentGroups: [EnrollmentGroup]
    /// What to do with them.
    public var mode: BulkOperationMode
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enrollmentGroups, mode
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        enrollmentGroups: [EnrollmentGroup],
        mode: BulkOperationMode,
        unknownFields: JSONObject = [:]
    ) {
        self.enrollmentGroups = enrollmentGroups
        self.mode = mode
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enrollmentGroups = try container.decode([EnrollmentGroup].self, forKey: .enrollmentGroups)
        mode = try container.decode(BulkOperationMode.self, forKey: .mode)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(enrollmentGroups, forKey: .enrollmentGroups)
        try container.encode(mode, forKey: .mode)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
