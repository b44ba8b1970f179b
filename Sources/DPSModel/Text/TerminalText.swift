/// Makes text from outside (IDs, file names, values echoed in messages) safe to print on a terminal.
///
/// Control characters are written as escapes instead of being sent raw, so a registration ID holding ESC or BEL
/// cannot move the cursor, recolour or retitle the terminal, and a bidirectional override cannot make `evil‮txt.exe`
/// read backwards. Escaped: C0 controls (U+0000–U+001F, line feed too unless kept), DEL, C1 controls
/// (U+0080–U+009F) as `\x1B`; the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029) as `\u{202E}`. A
/// backslash is left alone: the escapes are for people reading, not a reversible encoding.
public enum TerminalText {
    /// `text` with its control characters escaped; line feeds kept when `keepingNewlines`.
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        // Fast path: printable ASCII (and kept line feeds) only.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) || (keepingNewlines && $0 == 0x0A) }) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if keepingNewlines && value == 0x0A {
                result.unicodeScalars.append(scalar)
            } else if value < 0x20 || (0x7F...0x9F).contains(value) {
                result += "\\x" + hex(value, width: 2)
            } else if isFormatControl(value) {
                result += "\\u{" + hex(value, width: 4) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `text` holds anything ``escaped(_:keepingNewlines:)`` would change (line feeds included).
    public static func needsEscaping(_ text: String) -> Bool { escaped(text) != text }

    private static func isFormatControl(_ value: UInt32) -> Bool {
        value == 0x061C || value == 0x200E || value == 0x200F || (0x2028...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
