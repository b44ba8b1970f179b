import DPSModel
import DPSValidation

/// Whether what the service holds is what the manifest asked for, ignoring what the service adds or hides.
///
/// Used to reconcile a create that answered 409 after a retry or a crash: the earlier attempt may have been applied
/// (same content → success) or someone else enrolled a different device under the ID (→ a conflict).
/// Ignored: etag, timestamps, registration state, certificate `info` (certificates are compared by SHA-256
/// thumbprint), symmetric keys the manifest left to the service. Service defaults count as equal to "not set":
/// provisioning `enabled`, IoT Edge `false`, reprovision "update hub and migrate data", no hubs.
public enum ContentComparison {
    /// The fields in which `actual` differs from `expected`; empty when they match.
    public static func differences(expected: IndividualEnrollment, actual: IndividualEnrollment) -> [String] {
        var fields: [String] = []
        if expected.registrationId.lowercased() != actual.registrationId.lowercased() {
            fields.append("registrationId")
        }
        if (expected.deviceId ?? expected.registrationId) != (actual.deviceId ?? actual.registrationId) {
            fields.append("deviceId")
        }
        fields += common(
            expected: (
                expected.attestation, expected.capabilities, expected.iotHubHostName, expected.initialTwin,
                expected.provisioningStatus, expected.reprovisionPolicy, expected.allocationPolicy, expected.iotHubs,
                expected.customAllocationDefinition
            ),
            actual: (
                actual.attestation, actual.capabilities, actual.iotHubHostName, actual.initialTwin,
                actual.provisioningStatus, actual.reprovisionPolicy, actual.allocationPolicy, actual.iotHubs,
                actual.customAllocationDefinition
            )
        )
        if let information = expected.optionalDeviceInformation,
            information.properties != actual.optionalDeviceInformation?.properties
        {
            fields.append("optionalDeviceInformation")
        }
        return fields
    }

    /// The fields in which `actual` differs from `expected`; empty when they match.
    public static func differences(expected: EnrollmentGroup, actual: EnrollmentGroup) -> [String] {
        var fields: [String] = []
        if expected.enrollmentGroupId.lowercased() != actual.enrollmentGroupId.lowercased() {
            fields.append("enrollmentGroupId")
        }
        fields += common(
            expected: (
                expected.attestation, expected.capabilities, expected.iotHubHostName, expected.initialTwin,
                expected.provisioningStatus, expected.reprovisionPolicy, expected.allocationPolicy, expected.iotHubs,
                expected.customAllocationDefinition
            ),
            actual: (
                actual.attestation, actual.capabilities, actual.iotHubHostName, actual.initialTwin,
                actual.provisioningStatus, actual.reprovisionPolicy, actual.allocationPolicy, actual.iotHubs,
                actual.customAllocationDefinition
            )
        )
        return fields
    }

    private typealias Shared = (
        attestation: AttestationMechanism, capabilities: DeviceCapabilities?, hub: String?, twin: InitialTwin?,
        status: ProvisioningStatus?, reprovision: ReprovisionPolicy?, allocation: AllocationPolicy?, hubs: [String]?,
        custom: CustomAllocationDefinition?
    )

    private static func common(expected: Shared, actual: Shared) -> [String] {
        var fields: [String] = []
        fields += attestationDifferences(expected.attestation, actual.attestation)
        if (expected.capabilities?.iotEdge ?? false) != (actual.capabilities?.iotEdge ?? false) {
            fields.append("capabilities.iotEdge")
        }
        if let hub = expected.hub, hub.lowercased() != actual.hub?.lowercased() { fields.append("iotHubHostName") }
        if twinContent(expected.twin) != twinContent(actual.twin) { fields.append("initialTwin") }
        if (expected.status ?? .enabled) != (actual.status ?? .enabled) { fields.append("provisioningStatus") }
        let defaultPolicy = ReprovisionPolicy(updateHubAssignment: true, migrateDeviceData: true)
        if !samePolicy(expected.reprovision ?? defaultPolicy, actual.reprovision ?? defaultPolicy) {
            fields.append("reprovisionPolicy")
        }
        if let allocation = expected.allocation, allocation != actual.allocation { fields.append("allocationPolicy") }
        if Set((expected.hubs ?? []).map { $0.lowercased() }) != Set((actual.hubs ?? []).map { $0.lowercased() }) {
            fields.append("iotHubs")
        }
        if let custom = expected.custom,
            custom.webhookUrl != actual.custom?.webhookUrl || custom.apiVersion != actual.custom?.apiVersion
        {
            fields.append("customAllocationDefinition")
        }
        return fields
    }

    private static func attestationDifferences(
        _ expected: AttestationMechanism,
        _ actual: AttestationMechanism
    ) -> [String] {
        guard expected.type == actual.type else { return ["attestation.type"] }
        var fields: [String] = []
        switch expected.type {
        case .tpm:
            if expected.tpm?.endorsementKey != actual.tpm?.endorsementKey { fields.append("endorsementKey") }
            if let srk = expected.tpm?.storageRootKey, srk != actual.tpm?.storageRootKey {
                fields.append("storageRootKey")
            }
        case .symmetricKey:
            // Keys the manifest left empty were generated by the service; keys it gave must be the ones stored.
            // (Get and query hide keys: the caller passes the attestation mechanism when keys matter.)
            if let key = expected.symmetricKey?.primaryKey, let stored = actual.symmetricKey?.primaryKey, key != stored
            {
                fields.append("primaryKey")
            }
            if let key = expected.symmetricKey?.secondaryKey, let stored = actual.symmetricKey?.secondaryKey,
                key != stored
            {
                fields.append("secondaryKey")
            }
        case .x509:
            let pairs: [(String, X509CertificateWithInfo?, X509CertificateWithInfo?)] = [
                ("certificate", expected.x509?.clientCertificates?.primary, actual.x509?.clientCertificates?.primary),
                (
                    "secondaryCertificate", expected.x509?.clientCertificates?.secondary,
                    actual.x509?.clientCertificates?.secondary
                ),
                ("certificate", expected.x509?.signingCertificates?.primary, actual.x509?.signingCertificates?.primary),
                (
                    "secondaryCertificate", expected.x509?.signingCertificates?.secondary,
                    actual.x509?.signingCertificates?.secondary
                ),
            ]
            for (field, wanted, stored) in pairs where thumbprint(wanted) != thumbprint(stored) {
                fields.append(field)
            }
            if expected.x509?.caReferences?.primary != actual.x509?.caReferences?.primary
                || expected.x509?.caReferences?.secondary != actual.x509?.caReferences?.secondary
            {
                fields.append("caReference")
            }
        default:
            break
        }
        return fields
    }

    /// The SHA-256 thumbprint of a certificate slot: from its text when present, else from the service's `info`.
    private static func thumbprint(_ slot: X509CertificateWithInfo?) -> String? {
        guard let slot else { return nil }
        if let text = slot.certificate, let summary = try? CertificateValue(parsing: text).first {
            return summary.sha256Thumbprint.uppercased()
        }
        return slot.info?.sha256Thumbprint?.uppercased()
    }

    private static func twinContent(_ twin: InitialTwin?) -> [JSONObject] {
        [twin?.tags?.properties ?? [:], twin?.properties?.desired?.properties ?? [:]]
    }

    private static func samePolicy(_ a: ReprovisionPolicy, _ b: ReprovisionPolicy) -> Bool {
        a.updateHubAssignment == b.updateHubAssignment && a.migrateDeviceData == b.migrateDeviceData
    }
}
