import DPSManifest
import DPSModel
import DPSValidation
import Foundation

/// Turns a client's enrollment or group into what the service stores: read-only fields dropped, the input
/// validated with dpsbulk's own rules, symmetric keys generated when omitted, certificate `info` computed.
struct ItemPreparer: Sendable {
    /// Rules whose errors make the service answer 400. Certificate expiry and CN checks are left out: the service
    /// accepts such certificates (a device simply fails to register).
    static let rules: [any ValidationRule] = [
        IdentifierRule(), DeviceIdRule(), AttestationRule(), TPMAttestationRule(), X509AttestationRule(),
        SymmetricKeyRule(), ProvisioningStatusRule(), AllocationRule(), HubHostNameRule(), InitialTwinRule(),
    ]
    static let ignoredCodes: Set<String> = [
        "x509.expired", "x509.not-yet-valid", "x509.expires-soon", "x509.cn-mismatch", "x509.cn-missing",
        "x509.cn-too-long", "x509.leaf-is-ca", "x509.chain-given",
    ]

    let now: Date

    /// The stored form of `item`, or the 400 the service answers.
    func prepare<Item: RegistryItem>(_ item: Item) throws(ServiceError) -> Item {
        var item = item
        item.clearReadOnlyFields()
        try validate(item)
        generateKeys(&item.attestation)
        try computeCertificateInfo(&item.attestation)
        return item
    }

    private func validate<Item: RegistryItem>(_ item: Item) throws(ServiceError) {
        var sink = FindingSink(source: SourcePosition(file: "request", line: 1), identifier: item.identifier)
        let context = ValidationContext(now: now)
        for rule in Self.rules {
            rule.check(item.entry, context: context, findings: &sink)
        }
        // dpsbulk holds X.509 IDs to the 64-character CN limit; the service itself only to 128.
        let x509IdWithinServiceLimit = item.attestation.type == .x509 && item.identifier.count <= 128
        let errors = sink.findings.filter { finding in
            finding.severity == .error && !Self.ignoredCodes.contains(finding.code.rawValue)
                && !(x509IdWithinServiceLimit && finding.code.rawValue == "registration-id.too-long")
        }
        guard let first = errors.first else { return }
        let code = first.code.rawValue.hasPrefix("endorsement-key") ? 400_004 : 400_000
        let detail = errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        let prefix =
            code == 400_004
            ? "Endorsement key is invalid, or does not match the Enrollment. " : "Invalid \(Item.noun). "
        throw ServiceError.badRequest(prefix + detail, code: code)
    }

    private func generateKeys(_ attestation: inout AttestationMechanism) {
        guard attestation.type == .symmetricKey else { return }
        var keys = attestation.symmetricKey ?? SymmetricKeyAttestation()
        if keys.primaryKey == nil { keys.primaryKey = Self.randomKey() }
        if keys.secondaryKey == nil { keys.secondaryKey = Self.randomKey() }
        attestation.symmetricKey = keys
    }

    private func computeCertificateInfo(_ attestation: inout AttestationMechanism) throws(ServiceError) {
        guard attestation.type == .x509, var x509 = attestation.x509 else { return }
        for path in [\X509Attestation.clientCertificates, \X509Attestation.signingCertificates] {
            guard var pair = x509[keyPath: path] else { continue }
            if let text = pair.primary?.certificate { pair.primary?.info = try Self.info(text) }
            if let text = pair.secondary?.certificate { pair.secondary?.info = try Self.info(text) }
            x509[keyPath: path] = pair
        }
        attestation.x509 = x509
    }

    static func info(_ text: String) throws(ServiceError) -> X509CertificateInfo {
        let summary: CertificateSummary
        do {
            summary = try CertificateValue(parsing: text).first
        } catch {
            throw ServiceError.badRequest("Invalid certificate: \(error.message)", code: 400_010)
        }
        return X509CertificateInfo(
            subjectName: summary.subjectName,
            sha1Thumbprint: summary.sha1Thumbprint,
            sha256Thumbprint: summary.sha256Thumbprint,
            issuerName: summary.issuerName,
            notBeforeUtc: Timestamp(summary.notBefore),
            notAfterUtc: Timestamp(summary.notAfter),
            serialNumber: summary.serialNumber,
            version: summary.version
        )
    }

    /// 64 random bytes as base64, the length the service generates.
    static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
    }
}
