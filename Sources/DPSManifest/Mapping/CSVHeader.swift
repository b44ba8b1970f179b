/// The columns of a CSV manifest, read from its header row.
public struct CSVHeader: Sendable {
    /// The column at each position, nil for a column dpsbulk does not know (allowed only when the user opts in).
    public let columns: [ManifestColumn?]
    /// Header cells as written.
    public let names: [String]
    /// The position of each column, indexed by ``ManifestColumn/ordinal`` (-1 when absent): a cell lookup is an
    /// array access, not a hash.
    private let positions: [Int]

    /// Reads a header row; throws when a column is unknown (unless allowed), repeated, or no ID column exists.
    public init(fields: [String], file: String, allowUnknownColumns: Bool) throws(ManifestError) {
        var columns: [ManifestColumn?] = []
        var positions: [ManifestColumn: Int] = [:]
        var unknown: [String] = []
        for (index, name) in fields.enumerated() {
            let column = ManifestColumn.named(name)
            if let column {
                if positions[column] != nil {
                    throw ManifestError(
                        code: "duplicate-column",
                        file: file,
                        line: 1,
                        message: "the header names the column '\(column.rawValue)' twice"
                    )
                }
                positions[column] = index
            } else {
                unknown.append(name)
            }
            columns.append(column)
        }
        if positions[.registrationId] == nil && positions[.enrollmentGroupId] == nil {
            throw ManifestError(
                code: "missing-id-column",
                file: file,
                line: 1,
                message: "the header has neither a 'registrationId' nor an 'enrollmentGroupId' column; "
                    + "is the first line really the header?"
            )
        }
        if !unknown.isEmpty && !allowUnknownColumns {
            let list = unknown.map { "'\($0)'" }.joined(separator: ", ")
            throw ManifestError(
                code: "unknown-column",
                file: file,
                line: 1,
                message: "unknown column\(unknown.count == 1 ? "" : "s") \(list) in the header (known columns: "
                    + ManifestColumn.allCases.map(\.rawValue).joined(separator: ", ")
                    + "); fix the header or pass --allow-unknown-columns to ignore them"
            )
        }
        self.columns = columns
        self.names = fields
        var table = Array(repeating: -1, count: ManifestColumn.allCases.count)
        for (column, position) in positions { table[column.ordinal] = position }
        self.positions = table
    }

    /// Whether the header has `column`.
    public func contains(_ column: ManifestColumn) -> Bool { positions[column.ordinal] >= 0 }

    /// The position of `column`, if present.
    public func position(of column: ManifestColumn) -> Int? {
        let position = positions[column.ordinal]
        return position >= 0 ? position : nil
    }
}
