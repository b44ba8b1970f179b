import DPSWireFormats

/// In the SRK column a key that carries a TCG endorsement-key policy is the EK pasted into the wrong column.
public struct TPMEndorsementKeyInSRKColumnRule: TPMKeyRule {
    /// Creates the rule.
    public init() {}

    /// Reports an SRK-column key whose authPolicy is a known EK policy.
    public func check(_ area: TPMPublicArea, role: TPMKeyRole) -> [TPMKeyIssue] {
        guard role == .storageRootKey,
            TPMEndorsementKeyTemplate.knownEndorsementPolicies.contains(area.authPolicy)
        else { return [] }
        return [
            TPMKeyIssue(
                .error,
                .ekInSRKColumn,
                "storageRootKey looks like an endorsement key (EK): its authPolicy "
                    + "\(TPMHex.string(area.authPolicy.prefix(8)))… is the TCG EK policy; put it in endorsementKey "
                    + "and give the SRK (tpm2_createprimary -C o, then tpm2_readpublic -f tss) here, or leave "
                    + "storageRootKey empty"
            )
        ]
    }
}
