import DPSWireFormats

/// Individual X.509 enrollment: DPS takes the registration ID from the device certificate's subject CN, so the CN
/// must exist, fit a registration ID (at most 64 characters for X.509), and equal the enrollment's registration
/// ID, compared case-insensitively as DPS compares registration IDs.
struct X509CommonNameRule: Sendable {
    /// The longest CN an X.509 registration ID may be (the X.520 upper bound for commonName).
    static let maximumLength = 64

    /// The registration ID of the enrollment the certificate is given for.
    var registrationId: String

    func check(_ summary: CertificateSummary) -> [X509CheckIssue] {
        guard let commonName = summary.subjectCommonName else {
            return [
                X509CheckIssue(
                    severity: .error,
                    code: .commonNameMissing,
                    message: "the certificate's subject '\(summary.subjectName)' has no CN; DPS needs CN="
                        + "\(registrationId) to register this device"
                )
            ]
        }
        var issues: [X509CheckIssue] = []
        if commonName.count > Self.maximumLength {
            issues.append(
                X509CheckIssue(
                    severity: .error,
                    code: .commonNameTooLong,
                    message: "the certificate's CN '\(commonName)' is \(commonName.count) characters; an X.509 "
                        + "registration ID may have at most \(Self.maximumLength)"
                )
            )
        }
        if commonName.lowercased() != registrationId.lowercased() {
            issues.append(
                X509CheckIssue(
                    severity: .error,
                    code: .commonNameMismatch,
                    message: "the certificate's CN '\(commonName)' does not match the registration ID "
                        + "'\(registrationId)'; for X.509 the registration ID is the certificate's CN"
                )
            )
        }
        return issues
    }
}
