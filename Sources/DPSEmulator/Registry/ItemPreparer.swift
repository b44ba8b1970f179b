import DPSModel
import DPSWireFormats
import Foundation

/// Turns a client's enrollment or group into what the service stores: read-only fields dropped, the input checked
/// with the emulator's own rules (``ItemRules``), symmetric keys generated when omitted, certificate `info`
/// computed.
///
/// Preparing needs no registry state (the timestamps and the ETag are stamped later, by ``ItemTable``), so bulk
/// items are prepared before the registry's actor is entered (``PreparedBulkItem``).
struct ItemPreparer: Sendable {
    /// The stored form of `item`, or the 400 the service answers.
    func prepare<Item: RegistryItem>(_ item: Item) throws(ServiceError) -> Item {
        var item = item
        item.clearReadOnlyFields()
        for rule in ItemRules.all { try rule.check(item) }
        generateKeys(&item.attestation)
        try computeCertificateInfo(&item.attestation)
        return item
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

    /// The `info` the service fills for a certificate; 400010 when the text is not a certificate.
    ///
    /// Source: NOTES.md, X.509 ("the service fills `info` (subject, thumbprints, validity, serial)"). Only the
    /// first certificate of a chain is described. Expiry and the subject CN are not checked: the service takes
    /// such certificates (a device simply fails to register), and nothing documents otherwise.
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
