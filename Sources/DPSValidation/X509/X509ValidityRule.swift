import DPSWireFormats
import Foundation

/// The certificate must be valid at `now`, and should stay valid for a while.
///
/// Validity is inclusive at both ends (RFC 5280 §4.1.2.5): valid when `notBefore <= now <= notAfter`.
struct X509ValidityRule: Sendable {
    /// The moment to judge validity at.
    var now: Date
    /// How close to `notAfter` a valid certificate earns an `x509.expires-soon` warning.
    var warningWindow: TimeInterval

    func check(_ summary: CertificateSummary) -> [X509CheckIssue] {
        let subject = summary.subjectName.isEmpty ? "the certificate" : "'\(summary.subjectName)'"
        let nowText = X509CheckIssue.format(now)
        if now > summary.notAfter {
            return [
                X509CheckIssue(
                    severity: .error,
                    code: .expired,
                    message: "\(subject) expired on \(X509CheckIssue.format(summary.notAfter)) "
                        + "(valid from \(X509CheckIssue.format(summary.notBefore)); now is \(nowText))"
                )
            ]
        }
        if now < summary.notBefore {
            return [
                X509CheckIssue(
                    severity: .error,
                    code: .notYetValid,
                    message: "\(subject) is not valid until \(X509CheckIssue.format(summary.notBefore)) "
                        + "(now is \(nowText)); check the clock of the machine that issued it"
                )
            ]
        }
        let remaining = summary.notAfter.timeIntervalSince(now)
        if remaining <= warningWindow {
            let days = Int(remaining / 86_400)
            return [
                X509CheckIssue(
                    severity: .warning,
                    code: .expiresSoon,
                    message: "\(subject) expires on \(X509CheckIssue.format(summary.notAfter)), in \(days) "
                        + "day\(days == 1 ? "" : "s") (now is \(nowText)); devices will fail to register after that"
                )
            ]
        }
        return []
    }
}
