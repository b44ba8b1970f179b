import DPSManifest
import DPSModel
import Foundation

/// The initial twin: only `tags` and `properties.desired`, within IoT Hub's twin limits.
///
/// IoT Hub limits (2024): tags 8 KB, desired properties 32 KB, nesting depth 10 below the root, keys up to 1 KB
/// without `.`, `$`, spaces or control characters.
public struct InitialTwinRule: ValidationRule {
    public static let unsupportedSection: FindingCode = "initial-twin.unsupported-section"
    public static let metadataSet: FindingCode = "initial-twin.metadata"
    public static let tooDeep: FindingCode = "initial-twin.too-deep"
    public static let invalidKey: FindingCode = "initial-twin.invalid-key"
    public static let tooLarge: FindingCode = "initial-twin.too-large"

    static let maximumDepth = 10
    static let tagsLimit = 8 * 1024
    static let desiredLimit = 32 * 1024

    public init() {}

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        let twin: InitialTwin? =
            switch entry {
            case .enrollment(let enrollment): enrollment.initialTwin
            case .group(let group): group.initialTwin
            }
        guard let twin else { return }
        check(twin, findings: &findings)
    }

    /// Whether a twin draws no finding. The validator's fast path calls it with the twin of a CSV cell.
    static func isClean(_ twin: InitialTwin) -> Bool {
        var sink = FindingSink(source: SourcePosition(file: "", line: 0), identifier: nil)
        InitialTwinRule().check(twin, findings: &sink)
        return sink.findings.isEmpty
    }

    /// The findings about `twin`.
    private func check(_ twin: InitialTwin, findings: inout FindingSink) {
        for name in twin.unknownFields.keys.sorted() {
            findings.error(
                "initialTwin.\(name)",
                Self.unsupportedSection,
                "initialTwin has '\(name)'; an initial twin holds only tags and properties.desired"
            )
        }
        if let properties = twin.properties {
            for name in properties.unknownFields.keys.sorted() {
                findings.error(
                    "initialTwin.properties.\(name)",
                    Self.unsupportedSection,
                    "initialTwin.properties has '\(name)'; only desired properties can be set in advance"
                )
            }
        }
        if let tags = twin.tags {
            check(tags, field: "initialTwin.tags", limit: Self.tagsLimit, findings: &findings)
        }
        if let desired = twin.properties?.desired {
            check(desired, field: "initialTwin.properties.desired", limit: Self.desiredLimit, findings: &findings)
        }
    }

    private func check(_ collection: TwinCollection, field: String, limit: Int, findings: inout FindingSink) {
        if collection.version != nil || collection.count != nil || collection.metadata != nil {
            findings.warning(
                field,
                Self.metadataSet,
                "\(field) sets version, count or metadata, which the hub maintains itself"
            )
        }
        var problems: [(FindingCode, String)] = []
        walk(.object(collection.properties), path: field, depth: 0, problems: &problems)
        for (code, message) in problems.prefix(5) {
            findings.error(field, code, message)
        }
        guard JSONSizeBound.of(collection.properties) > limit else { return }
        let size = (try? JSONEncoder().encode(collection.properties).count) ?? 0
        if size > limit {
            findings.error(
                field,
                Self.tooLarge,
                "\(field) is \(size) bytes as JSON; IoT Hub allows at most \(limit / 1024) KB"
            )
        }
    }

    private func walk(_ value: JSONValue, path: String, depth: Int, problems: inout [(FindingCode, String)]) {
        guard case .object(let object) = value else { return }
        if depth > Self.maximumDepth {
            problems.append((Self.tooDeep, "\(path) is nested more than \(Self.maximumDepth) levels deep"))
            return
        }
        for (key, member) in object {
            if let reason = Self.keyProblem(key) {
                problems.append((Self.invalidKey, "key '\(key)' in \(path) \(reason)"))
            }
            walk(member, path: "\(path).\(key)", depth: depth + 1, problems: &problems)
        }
    }

    static func keyProblem(_ key: String) -> String? {
        if key.isEmpty { return "is empty" }
        if key.utf8.count > 1024 { return "is longer than 1 KB" }
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "."): return "contains '.', which twin keys may not"
            case UInt8(ascii: "$"): return "contains '$', which twin keys may not"
            case UInt8(ascii: " "): return "contains a space, which twin keys may not"
            case 0..<0x20, 0x7F: return "contains a control character"
            default: continue
            }
        }
        return nil
    }
}
