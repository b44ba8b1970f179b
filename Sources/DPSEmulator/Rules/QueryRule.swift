import Foundation

/// The query text of an enrollment or enrollment group query: `*`, or `SELECT * FROM enrollments` /
/// `SELECT * FROM enrollmentGroups` in any case and spacing, on either endpoint. Anything else is a 400.
///
/// Source: NOTES.md, Queries (the Node service client's sample sends `{"query": "*"}`, the legacy Python client
/// `QuerySpecification("*")`, the new Python client's docs `SELECT * FROM enrollments`); service.json
/// `QuerySpecification.query` (required). Whether the service takes the other collection's name on an endpoint is
/// not documented, so the emulator accepts both names on both. The emulator has no WHERE clauses: such a query is
/// refused rather than answered unfiltered.
enum QueryRule {
    static let source = "NOTES.md Queries; service.json QuerySpecification"

    static func check(_ query: String) throws(ServiceError) {
        guard !isAccepted(query) else { return }
        throw ServiceError.badRequest(
            "The query '\(query)' is not supported; use '*' or 'SELECT * FROM enrollments' / 'enrollmentGroups'."
        )
    }

    /// Whether the emulator answers `query`.
    static func isAccepted(_ query: String) -> Bool {
        let spaced = query.replacingOccurrences(of: "*", with: " * ")
        let words = spaced.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        if words == ["*"] { return true }
        return words.count == 4 && words[0] == "select" && words[1] == "*" && words[2] == "from"
            && ["enrollments", "enrollmentgroups"].contains(words[3])
    }
}
