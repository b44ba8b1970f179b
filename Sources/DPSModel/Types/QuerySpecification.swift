/// The body of a query request.
///
/// Wire type `QuerySpecification` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct QuerySpecification: Codable, Sendable, Hashable {
    /// The query, e.g. `SELECT * FROM enrollments`.
    public var query: String
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case query
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        query: String,
        unknownFields: JSONObject = [:]
    ) {
        self.query = query
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        query = try container.decode(String.self, forKey: .query)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(query, forKey: .query)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
