/// Writes RFC 4180 CSV: fields with a comma, a quote, CR or LF are quoted with inner quotes doubled; LF records.
public enum CSVWriter {
    /// One record as a line (with its LF).
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// One field, quoted when it has to be.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
