import DPSManifest
import DPSModel
import Foundation

/// The allocation policy, its hubs and, for `custom`, the webhook.
public struct AllocationRule: ValidationRule {
    public static let unknownPolicy: FindingCode = "allocation-policy.unknown"
    public static let customWithoutWebhook: FindingCode = "allocation-policy.custom-without-webhook"
    public static let webhookWithoutCustom: FindingCode = "allocation-policy.webhook-without-custom"
    public static let invalidWebhook: FindingCode = "allocation-policy.invalid-webhook"
    public static let staticNeedsOneHub: FindingCode = "allocation-policy.static-needs-one-hub"

    public init() {}

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        let policy: AllocationPolicy?
        let custom: CustomAllocationDefinition?
        let hubs: [String]?
        switch entry {
        case .enrollment(let enrollment):
            (policy, custom, hubs) =
                (enrollment.allocationPolicy, enrollment.customAllocationDefinition, enrollment.iotHubs)
        case .group(let group):
            (policy, custom, hubs) = (group.allocationPolicy, group.customAllocationDefinition, group.iotHubs)
        }
        if let policy, !policy.isKnown {
            let hint = policy.caseInsensitiveMatch.map { " (values are case-sensitive: write '\($0.rawValue)')" } ?? ""
            findings.error(
                "allocationPolicy",
                Self.unknownPolicy,
                "allocationPolicy '\(policy.rawValue)' is not one of hashed, geoLatency, static, custom\(hint)"
            )
        }
        if policy == .custom, custom == nil {
            findings.error(
                "customAllocationDefinition",
                Self.customWithoutWebhook,
                "allocationPolicy custom needs customAllocationWebhookUrl and customAllocationApiVersion"
            )
        }
        if let custom {
            if policy != .custom {
                findings.warning(
                    "customAllocationDefinition",
                    Self.webhookWithoutCustom,
                    "a custom allocation webhook is set but allocationPolicy is not custom; the service ignores it"
                )
            }
            if let url = URL(string: custom.webhookUrl), url.scheme?.lowercased() == "https", url.host != nil {
            } else if !custom.webhookUrl.isEmpty {
                findings.error(
                    "customAllocationDefinition.webhookUrl",
                    Self.invalidWebhook,
                    "the custom allocation webhook URL '\(custom.webhookUrl)' is not an https:// URL"
                )
            }
        }
        if policy == .static, let hubs, hubs.count != 1 {
            findings.error(
                "iotHubs",
                Self.staticNeedsOneHub,
                "allocationPolicy static assigns to exactly one hub, but iotHubs lists \(hubs.count)"
            )
        }
    }
}
