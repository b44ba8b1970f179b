import Foundation
import Logging

/// One log record as one line of JSON, for log shippers (`--log-format json`):
/// `{"time":"2026-12-04T23:30:10.123Z","level":"warning","label":"dpsbulk","message":"...","fields":{...}}`.
///
/// The keys come in that order; `fields` is the record's metadata, nested as it is (a dictionary becomes an
/// object, an array an array, everything else a string). Strings are escaped as JSON requires, and beyond it
/// every control character (C0, DEL, C1) and the line and paragraph separators U+2028 and U+2029 are written as
/// `\uXXXX`, so one record is always exactly one line whatever its message holds.
public enum JSONLogLine {
    /// The line for a record (without the newline).
    public static func encode(
        time: Date,
        level: Logger.Level,
        label: String,
        message: String,
        fields: Logger.Metadata
    ) -> String {
        var line = "{\"time\":"
        appendString(timestamp(time), to: &line)
        line += ",\"level\":"
        appendString(level.rawValue, to: &line)
        line += ",\"label\":"
        appendString(label, to: &line)
        line += ",\"message\":"
        appendString(message, to: &line)
        line += ",\"fields\":"
        appendObject(fields, to: &line)
        line += "}"
        return line
    }

    /// RFC 3339 in UTC with milliseconds: `2026-12-04T23:30:10.123Z`.
    public static func timestamp(_ time: Date) -> String {
        time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    private static func appendObject(_ metadata: Logger.Metadata, to line: inout String) {
        line += "{"
        for (index, key) in metadata.keys.sorted().enumerated() {
            if index > 0 { line += "," }
            appendString(key, to: &line)
            line += ":"
            appendValue(metadata[key]!, to: &line)
        }
        line += "}"
    }

    private static func appendValue(_ value: Logger.MetadataValue, to line: inout String) {
        switch value {
        case .string(let text): appendString(text, to: &line)
        case .stringConvertible(let convertible): appendString(convertible.description, to: &line)
        case .dictionary(let dictionary): appendObject(dictionary, to: &line)
        case .array(let array):
            line += "["
            for (index, element) in array.enumerated() {
                if index > 0 { line += "," }
                appendValue(element, to: &line)
            }
            line += "]"
        }
    }

    /// Appends `text` as a JSON string.
    static func appendString(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16, uppercase: false)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }
}
