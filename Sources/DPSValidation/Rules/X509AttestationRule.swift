import DPSManifest
import DPSModel
import DPSWireFormats

/// X.509 attestation: every certificate parses, is valid at the time of the run, and fits its use.
///
/// Individual enrollments: client certificates whose subject CN equals the registration ID (``X509Checker``
/// codes `x509.*`). Groups: signing certificates that are CA certificates, or CA references. Certificates that do
/// not parse are `certificate.<reason>` (e.g. `certificate.not-pem`, `certificate.not-a-certificate`).
public struct X509AttestationRule: ValidationRule {
    public static let missingCertificate: FindingCode = "x509.missing-certificate"
    public static let wrongSection: FindingCode = "x509.wrong-section"
    public static let signingAndReference: FindingCode = "x509.signing-and-ca-reference"

    public init() {}

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        guard entry.attestationType == .x509, let x509 = entry.attestation.x509 else { return }
        switch entry {
        case .enrollment(let enrollment):
            if x509.signingCertificates != nil || x509.caReferences != nil {
                findings.error(
                    "attestation.x509",
                    Self.wrongSection,
                    "an individual enrollment uses clientCertificates; signing certificates and CA references are "
                        + "for enrollment groups"
                )
            }
            let certificates = [
                ("certificate", x509.clientCertificates?.primary?.certificate),
                ("secondaryCertificate", x509.clientCertificates?.secondary?.certificate),
            ].compactMap { field, text in text.map { (field, $0) } }
            if certificates.isEmpty {
                findings.error(
                    "certificate",
                    Self.missingCertificate,
                    "an X.509 enrollment needs the device certificate (PEM inline or a path to a .pem file)"
                )
            }
            for (field, text) in certificates {
                guard let value = parse(text, field: field, findings: &findings) else { continue }
                report(
                    X509Checker.checkIndividual(
                        value: value,
                        registrationId: enrollment.registrationId,
                        now: context.now
                    ),
                    field: field,
                    findings: &findings
                )
            }
        case .group:
            if x509.clientCertificates != nil {
                findings.error(
                    "attestation.x509",
                    Self.wrongSection,
                    "an enrollment group uses signingCertificates or caReferences, not clientCertificates"
                )
            }
            let certificates = [
                ("certificate", x509.signingCertificates?.primary?.certificate),
                ("secondaryCertificate", x509.signingCertificates?.secondary?.certificate),
            ].compactMap { field, text in text.map { (field, $0) } }
            let hasReference = x509.caReferences?.primary != nil || x509.caReferences?.secondary != nil
            if certificates.isEmpty && !hasReference {
                findings.error(
                    "certificate",
                    Self.missingCertificate,
                    "an X.509 enrollment group needs a signing certificate or a caReference"
                )
            }
            if !certificates.isEmpty && hasReference {
                findings.error(
                    "caReference",
                    Self.signingAndReference,
                    "give either signing certificates or CA references for a group, not both"
                )
            }
            for (field, text) in certificates {
                guard let value = parse(text, field: field, findings: &findings) else { continue }
                report(X509Checker.checkGroupSigning(value: value, now: context.now), field: field, findings: &findings)
            }
        }
    }

    private func parse(_ text: String, field: String, findings: inout FindingSink) -> CertificateValue? {
        do {
            return try CertificateValue(parsing: text)
        } catch {
            findings.error(field, FindingCode(rawValue: "certificate.\(error.code.rawValue)"), error.message)
            return nil
        }
    }

    private func report(_ issues: [X509CheckIssue], field: String, findings: inout FindingSink) {
        for issue in issues {
            findings.add(
                field,
                FindingCode(rawValue: issue.code.rawValue),
                issue.severity == .error ? .error : .warning,
                issue.message
            )
        }
    }
}
