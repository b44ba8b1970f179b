import DPSWireFormats

/// Whether the certificate is a CA must suit its role: an enrollment group's signing certificate must be a CA
/// (it signs the devices' certificates); an individual enrollment's device certificate normally is not.
struct X509AuthorityRule: Sendable {
    /// The role the certificate plays.
    enum Role: Sendable {
        /// An individual enrollment's device (leaf) certificate.
        case deviceCertificate
        /// An enrollment group's signing (root or intermediate CA) certificate.
        case groupSigningCertificate
    }

    var role: Role

    func check(_ summary: CertificateSummary) -> [X509CheckIssue] {
        switch role {
        case .groupSigningCertificate where !summary.isCertificateAuthority:
            return [
                X509CheckIssue(
                    severity: .error,
                    code: .signingCertificateNotCA,
                    message: "the group's signing certificate '\(summary.subjectName)' is not a CA (basicConstraints "
                        + "lacks CA:TRUE), so no device certificate can chain to it; give the root or intermediate "
                        + "CA certificate that issued the devices' certificates"
                )
            ]
        case .deviceCertificate where summary.isCertificateAuthority:
            return [
                X509CheckIssue(
                    severity: .warning,
                    code: .leafIsCA,
                    message: "the device certificate '\(summary.subjectName)' is a CA certificate (CA:TRUE); a device "
                        + "should present a leaf certificate (was the issuing CA's certificate given instead?)"
                )
            ]
        default:
            return []
        }
    }
}
