import Foundation

/// Entity tags as the service makes and compares them.
enum EntityTag {
    /// A new tag: base64 of a quoted GUID, like the real service's (`IjA2MDA4ZTYy...MCI=`).
    static func make() -> String {
        Data("\"\(UUID().uuidString.lowercased())\"".utf8).base64EncodedString()
    }

    /// Whether an `If-Match` value (bare, quoted or `*`) matches `current`.
    static func matches(ifMatch: String, current: String?) -> Bool {
        let value = unquoted(ifMatch)
        if value == "*" { return current != nil }
        return current == value
    }

    /// The value without one pair of surrounding double quotes.
    static func unquoted(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}
