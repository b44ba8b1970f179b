/// The rules `dpsbulk validate` and `dpsbulk import` run, in the order their findings are listed.
public enum StandardRules {
    /// Every rule.
    public static let all: [any ValidationRule] = [
        IdentifierRule(),
        DeviceIdRule(),
        AttestationRule(),
        TPMAttestationRule(),
        X509AttestationRule(),
        SymmetricKeyRule(),
        ProvisioningStatusRule(),
        AllocationRule(),
        HubHostNameRule(),
        InitialTwinRule(),
        EnrollmentSizeRule(),
    ]
}
