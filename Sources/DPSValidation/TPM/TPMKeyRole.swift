/// Which DPS attestation column a TPM key was given in.
public enum TPMKeyRole: String, Sendable, Hashable, CaseIterable {
    /// `attestation.tpm.endorsementKey`: the EK, identifying the TPM.
    case endorsementKey
    /// `attestation.tpm.storageRootKey`: the SRK, the owner-hierarchy storage primary key (optional).
    case storageRootKey

    /// The manifest / DPS column name, e.g. `endorsementKey`.
    public var columnName: String { rawValue }

    /// A short human name, e.g. `endorsement key (EK)`.
    public var displayName: String {
        switch self {
        case .endorsementKey: "endorsement key (EK)"
        case .storageRootKey: "storage root key (SRK)"
        }
    }
}
