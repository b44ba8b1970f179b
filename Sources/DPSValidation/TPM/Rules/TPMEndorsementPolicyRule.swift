import DPSWireFormats

/// In the EK column the key must need its policy for admin actions (adminWithPolicy and a non-empty authPolicy);
/// a key without them is usually the storage root key pasted into the wrong column.
public struct TPMEndorsementPolicyRule: TPMKeyRule {
    /// Creates the rule.
    public init() {}

    /// Reports an EK-column key without adminWithPolicy or with an empty policy.
    public func check(_ area: TPMPublicArea, role: TPMKeyRole) -> [TPMKeyIssue] {
        guard role == .endorsementKey else { return [] }
        let admin = area.objectAttributes.contains(.adminWithPolicy)
        guard !admin || area.authPolicy.isEmpty else { return [] }
        let why =
            !admin && area.authPolicy.isEmpty
            ? "adminWithPolicy is not set and the authPolicy is empty"
            : !admin ? "adminWithPolicy is not set" : "the authPolicy is empty"
        return [
            TPMKeyIssue(
                .error,
                .srkInEKColumn,
                "endorsementKey looks like a storage root key (SRK), not an endorsement key: \(why); an EK is "
                    + "created with `tpm2_createek` and has the TCG EK policy — put the SRK in storageRootKey and "
                    + "the EK (tpm2_createek -G rsa -u ek.pub) here"
            )
        ]
    }
}
