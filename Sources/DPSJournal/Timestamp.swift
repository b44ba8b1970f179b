import Foundation

/// Formats and parses the journal's UTC ISO 8601 timestamps.
enum Timestamp {
    /// `2026-11-21T20:10:00.123Z`: the form stored in the database (sorts as text).
    static func milliseconds(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `2026-11-21T20:10:00Z`: the form shown in messages.
    static func seconds(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// Parses either form.
    static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
