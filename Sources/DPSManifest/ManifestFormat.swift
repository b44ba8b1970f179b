import Foundation

/// The two manifest formats.
public enum ManifestFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV with a header row of ``ManifestColumn`` names.
    case csv
    /// One JSON object per line, in the DPS wire format (what `dpsbulk export` writes).
    case jsonLines = "jsonl"

    /// The format a path's extension names: `.csv`, or `.jsonl` / `.ndjson` / `.json`; nil for others.
    ///
    /// A gzip path is looked through: `x.csv.gz` is CSV, `x.jsonl.gz` JSON lines, and `x.gz` nil.
    public init?(pathExtensionOf path: String) {
        let plain = Self.strippingAge(path)
        let name = Self.isGzip(path: plain) ? String(plain.dropLast(3)) : plain
        switch URL(fileURLWithPath: name).pathExtension.lowercased() {
        case "csv": self = .csv
        case "jsonl", "ndjson", "json": self = .jsonLines
        default: return nil
        }
    }

    /// Whether `path` names a gzip-compressed file (its name ends in `.gz`, in any case): manifest readers
    /// decompress it, and an export to it is written compressed.
    public static func isGzip(path: String) -> Bool {
        let suffix = strippingAge(path).utf8.suffix(3)
        return suffix.count == 3 && String(decoding: suffix, as: UTF8.self).lowercased() == ".gz"
    }

    /// Whether `path` names an age-encrypted file by its name (ends in `.age`, any case); readers also recognise
    /// age files by their first line, whatever their name.
    public static func isAge(path: String) -> Bool {
        let suffix = path.utf8.suffix(4)
        return suffix.count == 4 && String(decoding: suffix, as: UTF8.self).lowercased() == ".age"
    }

    /// `path` without a trailing `.age`.
    static func strippingAge(_ path: String) -> String {
        isAge(path: path) ? String(path.dropLast(4)) : path
    }
}
