/// The names a job is filed under in done/ or rejected/: the dropped name when free, else one with `-2`, `-3`...
/// before its extensions (`line7.csv` → `line7-2.csv`, `b.jsonl.gz` → `b-2.jsonl.gz`), so that a file filed
/// earlier is never overwritten and the name still says the format. Pure: the folder's names come from the caller.
public enum FilingName {
    /// The suffix of the summary JSON beside a filed manifest.
    public static let summarySuffix = ".summary.json"
    /// The suffix of the reason beside a rejected manifest.
    public static let reasonSuffix = ".reason.txt"

    /// The suffix of the report of failed records beside a rejected manifest, `.report.csv` or `.report.jsonl`.
    public static func reportSuffix(forManifest name: String) -> String {
        ".report." + FailedRecordsReport.fileExtension(forManifestAt: name)
    }

    /// The first free name for `name` when `taken` are the folder's names: neither it nor any of its companions
    /// (summary, reason, report) may exist yet.
    public static func unique(for name: String, taken: Set<String>) -> String {
        let companions = [summarySuffix, reasonSuffix, reportSuffix(forManifest: name)]
        func isFree(_ candidate: String) -> Bool {
            !taken.contains(candidate) && companions.allSatisfy { !taken.contains(candidate + $0) }
        }
        if isFree(name) { return name }
        let dot = name.dropFirst().firstIndex(of: ".") ?? name.endIndex
        let stem = name[..<dot]
        let extensions = name[dot...]
        var number = 2
        while !isFree("\(stem)-\(number)\(extensions)") { number += 1 }
        return "\(stem)-\(number)\(extensions)"
    }
}
