import DPSWireFormats

/// A valid EK that is not the standard RSA-2048 template L-1 gets a warning: DPS documents only L-1.
public struct TPMStandardEndorsementTemplateRule: TPMKeyRule {
    /// Creates the rule.
    public init() {}

    /// Warns about an EK-column storage key with a policy that does not match template L-1.
    public func check(_ area: TPMPublicArea, role: TPMKeyRole) -> [TPMKeyIssue] {
        guard role == .endorsementKey,
            area.objectAttributes.contains(.adminWithPolicy),
            !area.authPolicy.isEmpty,
            area.objectAttributes.isSuperset(of: .storageKey),
            area.endorsementKeyTemplate != .rsa2048L1
        else { return [] }
        let what: String
        if let template = area.endorsementKeyTemplate {
            what = "is the standard \(template.rawValue) template"
        } else {
            var parts = [
                "\(area.keyDescription)", "nameAlg \(area.nameAlgorithm.name ?? "?")",
                "attributes \(TPMHex.dword(area.objectAttributes.rawValue))", "symmetric \(area.symmetric)",
            ]
            if area.authPolicy != TPMEndorsementKeyTemplate.policyASHA256 { parts.append("a non-standard policy") }
            what = "does not match a standard low-range template (\(parts.joined(separator: ", ")))"
        }
        return [
            TPMKeyIssue(
                .warning,
                .nonStandardEK,
                "endorsementKey is a valid \(area.keyDescription) endorsement key but \(what), not the standard "
                    + "RSA-2048 EK (TCG template L-1) that DPS documents; check that your DPS instance accepts it "
                    + "before rolling out"
            )
        ]
    }
}
