import DPSModel
import Foundation

/// Writes enrollments and groups as CSV manifest rows: the inverse of ``CSVRowMapper``, so an export in CSV
/// imports again.
public enum ManifestCSVEncoder {
    /// The columns written, in order.
    public static let columns: [ManifestColumn] = [
        .registrationId, .enrollmentGroupId, .deviceId, .attestation, .endorsementKey, .storageRootKey, .certificate,
        .secondaryCertificate, .caReference, .secondaryCaReference, .primaryKey, .secondaryKey, .iotHubHostName,
        .iotHubs, .allocationPolicy, .customAllocationWebhookUrl, .customAllocationApiVersion, .provisioningStatus,
        .initialTwin, .optionalDeviceInformation, .iotEdge, .reprovisionPolicy,
    ]

    /// The header line.
    public static var header: String { CSVWriter.line(columns.map(\.rawValue)) }

    /// One row for an entry.
    public static func line(_ entry: ManifestEntry) -> String {
        var cells: [ManifestColumn: String] = [:]
        let attestation = entry.attestation
        cells[.attestation] = attestation.type.rawValue
        cells[.endorsementKey] = attestation.tpm?.endorsementKey
        cells[.storageRootKey] = attestation.tpm?.storageRootKey
        cells[.primaryKey] = attestation.symmetricKey?.primaryKey
        cells[.secondaryKey] = attestation.symmetricKey?.secondaryKey
        let certificates = attestation.x509?.clientCertificates ?? attestation.x509?.signingCertificates
        cells[.certificate] = certificates?.primary?.certificate
        cells[.secondaryCertificate] = certificates?.secondary?.certificate
        cells[.caReference] = attestation.x509?.caReferences?.primary
        cells[.secondaryCaReference] = attestation.x509?.caReferences?.secondary
        let shared:
            (
                String?, [String]?, AllocationPolicy?, CustomAllocationDefinition?, ProvisioningStatus?,
                InitialTwin?, DeviceCapabilities?, ReprovisionPolicy?
            )
        switch entry {
        case .enrollment(let enrollment):
            cells[.registrationId] = enrollment.registrationId
            cells[.deviceId] = enrollment.deviceId
            if let information = enrollment.optionalDeviceInformation?.properties, !information.isEmpty,
                let data = try? Self.encoder.encode(JSONValue.object(information))
            {
                cells[.optionalDeviceInformation] = String(decoding: data, as: UTF8.self)
            }
            shared = (
                enrollment.iotHubHostName, enrollment.iotHubs, enrollment.allocationPolicy,
                enrollment.customAllocationDefinition, enrollment.provisioningStatus, enrollment.initialTwin,
                enrollment.capabilities, enrollment.reprovisionPolicy
            )
        case .group(let group):
            cells[.enrollmentGroupId] = group.enrollmentGroupId
            shared = (
                group.iotHubHostName, group.iotHubs, group.allocationPolicy, group.customAllocationDefinition,
                group.provisioningStatus, group.initialTwin, group.capabilities, group.reprovisionPolicy
            )
        }
        cells[.iotHubHostName] = shared.0
        cells[.iotHubs] = shared.1?.joined(separator: ";")
        cells[.allocationPolicy] = shared.2?.rawValue
        cells[.customAllocationWebhookUrl] = shared.3?.webhookUrl
        cells[.customAllocationApiVersion] = shared.3?.apiVersion
        cells[.provisioningStatus] = shared.4?.rawValue
        if let twin = shared.5 {
            var object: JSONObject = [:]
            if let tags = twin.tags?.properties, !tags.isEmpty { object["tags"] = .object(tags) }
            if let desired = twin.properties?.desired?.properties, !desired.isEmpty {
                object["properties"] = .object(["desired": .object(desired)])
            }
            if !object.isEmpty, let data = try? Self.encoder.encode(JSONValue.object(object)) {
                cells[.initialTwin] = String(decoding: data, as: UTF8.self)
            }
        }
        cells[.iotEdge] = shared.6.map { $0.iotEdge ? "true" : "false" }
        cells[.reprovisionPolicy] = shared.7.flatMap(ReprovisionPolicyName.init)?.rawValue
        return CSVWriter.line(columns.map { cells[$0] ?? "" })
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
