import DPSManifest
import DPSModel

/// Compares two manifests or export files by ID and by content, as an operator checks a migration or a backup.
///
/// Content is compared with ``ContentComparison``: read-only fields, certificate `info` and service defaults are
/// ignored, certificates compare by thumbprint, and symmetric keys only where both sides hold them. The source is
/// held in memory (one entry per ID); the target is streamed.
public struct ManifestDiff: Sendable {
    /// One difference.
    public enum Difference: Sendable, Equatable {
        /// In the source, not in the target.
        case missing(kind: String, id: String)
        /// In the target, not in the source.
        case extra(kind: String, id: String)
        /// In both, with different content in these fields.
        case changed(kind: String, id: String, fields: [String])
    }

    /// The differences, in target order (missing ones last), at most `limit` of them kept.
    public private(set) var differences: [Difference] = []
    public private(set) var missing = 0
    public private(set) var extra = 0
    public private(set) var changed = 0
    public private(set) var same = 0

    /// Whether the two sides hold the same enrollments and groups.
    public var isSame: Bool { missing == 0 && extra == 0 && changed == 0 }

    /// Compares `source` with `target` (CSV or JSON lines, e.g. two `dpsbulk export` files).
    ///
    /// `hubMap` renames the source's IoT hubs before comparing, as `migrate --map-hub` did on the way to the target.
    public static func compare(
        source: String,
        target: String,
        readOptions: ManifestReadOptions = ManifestReadOptions(),
        hubMap: HubMap = HubMap(),
        limit: Int = 1000
    ) throws -> ManifestDiff {
        var diff = ManifestDiff()
        var remaining: [String: ManifestEntry] = [:]
        let sourceReader = try ManifestReader(path: source, options: readOptions)
        while let record = try sourceReader.next() {
            if let entry = record.entry { remaining[key(entry)] = hubMap.apply(to: entry) }
        }
        let targetReader = try ManifestReader(path: target, options: readOptions)
        while let record = try targetReader.next() {
            guard let entry = record.entry else { continue }
            let kind = entry.isGroup ? "group" : "enrollment"
            guard let original = remaining.removeValue(forKey: key(entry)) else {
                diff.extra += 1
                diff.keep(.extra(kind: kind, id: entry.identifier), limit: limit)
                continue
            }
            let fields: [String]
            switch (original, entry) {
            case (.enrollment(let a), .enrollment(let b)):
                fields = ContentComparison.differences(expected: a, actual: b)
            case (.group(let a), .group(let b)): fields = ContentComparison.differences(expected: a, actual: b)
            default: fields = ["kind"]
            }
            if fields.isEmpty {
                diff.same += 1
            } else {
                diff.changed += 1
                diff.keep(.changed(kind: kind, id: entry.identifier, fields: fields), limit: limit)
            }
        }
        for entry in remaining.values.sorted(by: { $0.identifier < $1.identifier }) {
            diff.missing += 1
            diff.keep(.missing(kind: entry.isGroup ? "group" : "enrollment", id: entry.identifier), limit: limit)
        }
        return diff
    }

    private static func key(_ entry: ManifestEntry) -> String {
        (entry.isGroup ? "g:" : "e:") + entry.identifier.lowercased()
    }

    private mutating func keep(_ difference: Difference, limit: Int) {
        if differences.count < limit { differences.append(difference) }
    }
}
