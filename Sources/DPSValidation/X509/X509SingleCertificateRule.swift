import DPSWireFormats

/// DPS stores one certificate per slot (`clientCertificates.primary`, `signingCertificates.primary`). When a value
/// holds a chain, DPS uses the first certificate and ignores the rest, and so does dpsbulk: it checks and sends only
/// the first. That is worth a warning, because a chain pasted in the wrong order puts the wrong certificate first.
struct X509SingleCertificateRule: Sendable {
    /// What the slot holds, for the message: "the device certificate", "the signing certificate".
    var slot: String

    func check(_ value: CertificateValue) -> [X509CheckIssue] {
        guard value.isChain else {
            return []
        }
        let others = value.certificates.dropFirst().map { "'\($0.subjectName)'" }.joined(separator: ", ")
        return [
            X509CheckIssue(
                severity: .warning,
                code: .chainGiven,
                message: "the value holds \(value.certificates.count) certificates; only the first, "
                    + "'\(value.first.subjectName)', is used as \(slot) and \(others) "
                    + "\(value.certificates.count == 2 ? "is" : "are") ignored"
            )
        ]
    }
}
