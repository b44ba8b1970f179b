import DPSWireFormats
import Foundation

/// Checks an enrollment's X.509 certificate before anything is sent to DPS, and reports every finding.
///
/// The checks are pure: the caller passes `now`. Each rule is its own type; these functions compose them.
///
/// - Individual enrollment (device certificate): validity at `now` (`x509.expired`, `x509.not-yet-valid`,
///   `x509.expires-soon`), the CN against the registration ID (`x509.cn-missing`, `x509.cn-too-long`,
///   `x509.cn-mismatch`), a CA certificate given as a device certificate (`x509.leaf-is-ca`).
/// - Enrollment group (signing certificate): validity, and it must be a CA (`x509.signing-cert-not-ca`).
/// - Given a ``CertificateValue`` that holds a chain, only the first certificate is checked (it is the one DPS
///   uses) and `x509.chain-given` warns that the others are ignored.
public enum X509Checker {
    /// How close to its expiry a certificate earns an `x509.expires-soon` warning: 30 days.
    public static let expiryWarningWindow: TimeInterval = 30 * 86_400

    /// Checks a device certificate for the individual enrollment `registrationId`.
    public static func checkIndividual(
        summary: CertificateSummary,
        registrationId: String,
        now: Date
    ) -> [X509CheckIssue] {
        X509ValidityRule(now: now, warningWindow: expiryWarningWindow).check(summary)
            + X509CommonNameRule(registrationId: registrationId).check(summary)
            + X509AuthorityRule(role: .deviceCertificate).check(summary)
    }

    /// Checks a device certificate value (perhaps a chain) for the individual enrollment `registrationId`.
    public static func checkIndividual(
        value: CertificateValue,
        registrationId: String,
        now: Date
    ) -> [X509CheckIssue] {
        X509SingleCertificateRule(slot: "the device certificate").check(value)
            + checkIndividual(summary: value.first, registrationId: registrationId, now: now)
    }

    /// Checks an enrollment group's signing certificate.
    public static func checkGroupSigning(summary: CertificateSummary, now: Date) -> [X509CheckIssue] {
        X509ValidityRule(now: now, warningWindow: expiryWarningWindow).check(summary)
            + X509AuthorityRule(role: .groupSigningCertificate).check(summary)
    }

    /// Checks an enrollment group's signing certificate value (perhaps a chain).
    public static func checkGroupSigning(value: CertificateValue, now: Date) -> [X509CheckIssue] {
        X509SingleCertificateRule(slot: "the signing certificate").check(value)
            + checkGroupSigning(summary: value.first, now: now)
    }
}
