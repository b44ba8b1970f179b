import DPSManifest
import DPSModel

/// `provisioningStatus` is `enabled` or `disabled`.
public struct ProvisioningStatusRule: ValidationRule {
    public static let invalid: FindingCode = "provisioning-status.invalid"

    public init() {}

    /// Whether a status draws no finding: a documented value, spelled exactly. The validator's fast path calls it too.
    static func isClean(_ status: ProvisioningStatus) -> Bool { status.isKnown }

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        let status: ProvisioningStatus? =
            switch entry {
            case .enrollment(let enrollment): enrollment.provisioningStatus
            case .group(let group): group.provisioningStatus
            }
        guard let status, !Self.isClean(status) else { return }
        let hint = status.caseInsensitiveMatch.map { " (values are case-sensitive: write '\($0.rawValue)')" } ?? ""
        findings.error(
            "provisioningStatus",
            Self.invalid,
            "provisioningStatus '\(status.rawValue)' is not enabled or disabled\(hint)"
        )
    }
}
