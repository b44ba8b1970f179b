import DPSManifest
import DPSModel
import Foundation

/// An enrollment must fit in one service message: 96 KB as JSON.
public struct EnrollmentSizeRule: ValidationRule {
    public static let tooLarge: FindingCode = "enrollment.too-large"
    /// The service's maximum message size.
    public static let limit = 96 * 1024

    public init() {}

    /// Whether an enrollment whose ``JSONSizeBound`` is `sizeBound` certainly fits, without encoding it. The
    /// validator's fast path calls it with the bound of a CSV row's cells.
    static func isClean(sizeBound: Int) -> Bool { sizeBound <= limit }

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        guard !Self.isClean(sizeBound: JSONSizeBound.of(entry)) else { return }
        let size: Int
        switch entry {
        case .enrollment(let enrollment): size = (try? JSONEncoder().encode(enrollment).count) ?? 0
        case .group(let group): size = (try? JSONEncoder().encode(group).count) ?? 0
        }
        if size > Self.limit {
            findings.error(
                "",
                Self.tooLarge,
                "the enrollment is \(size) bytes as JSON; the service accepts at most 96 KB per message "
                    + "(a large initial twin or certificate chain?)"
            )
        }
    }
}
