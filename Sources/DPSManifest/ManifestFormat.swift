import Foundation

/// The two manifest formats.
public enum ManifestFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV with a header row of ``ManifestColumn`` names.
    case csv
    /// One JSON object per line, in the DPS wire format (what `dpsbulk export` writes).
    case jsonLines = "jsonl"

    /// The format a path's extension names: `.csv`, or `.jsonl` / `.ndjson` / `.json`; nil for others.
    public init?(pathExtensionOf path: String) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": self = .csv
        case "jsonl", "ndjson", "json": self = .jsonLines
        default: return nil
        }
    }
}
