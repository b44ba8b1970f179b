import DPSModel

/// Whether an attestation mechanism, as written in a backup, holds what a restore needs: the symmetric keys, or the
/// X.509 certificates (or CA references); TPM attestations carry their endorsement key in every query answer.
public enum KeyCompleteness {
    /// True when `attestation` can be restored as it is.
    public static func isComplete(_ attestation: AttestationMechanism) -> Bool {
        switch attestation.type {
        case .symmetricKey:
            return !(attestation.symmetricKey?.primaryKey ?? "").isEmpty
        case .x509:
            guard let x509 = attestation.x509 else { return false }
            if !(x509.caReferences?.primary ?? "").isEmpty { return true }
            let certificates = x509.clientCertificates ?? x509.signingCertificates
            return !(certificates?.primary?.certificate ?? "").isEmpty
        default:
            return true
        }
    }
}
