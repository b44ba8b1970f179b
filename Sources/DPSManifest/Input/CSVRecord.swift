/// One CSV record with the physical line it starts on.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based physical line where the record starts (the header is line 1).
    public var line: Int
    /// The fields, unquoted and unescaped; `fields.count` may differ from the header's (the caller checks).
    public var fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
