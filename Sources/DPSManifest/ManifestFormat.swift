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
        let name = Self.isGzip(path: path) ? String(path.dropLast(3)) : path
        switch URL(fileURLWithPath: name).pathExtension.lowercased() {
        case "csv": self = .csv
        case "jsonl", "ndjson", "json": self = .jsonLines
        default: return nil
        }
    }

    /// Whether `path` names a gzip-compressed file (its name ends in `.gz`, in any case): manifest readers
    /// decompress it, and an export to it is written compressed.
    public static func isGzip(path: String) -> Bool {
        let suffix = path.utf8.suffix(3)
        return suffix.count == 3 && String(decoding: suffix, as: UTF8.self).lowercased() == ".gz"
    }
}
