import DPSManifest
import DPSModel

/// Cheap upper bounds on JSON sizes, so that size limits need an exact (slow) encoding only for large records.
///
/// Every string is counted as 6 bytes per UTF-8 byte (the worst case, `\u00XX`) plus quotes; numbers as 24.
enum JSONSizeBound {
    static func of(_ value: JSONValue) -> Int {
        switch value {
        case .null, .bool: 5
        case .integer, .number: 24
        case .string(let text): of(text)
        case .array(let array): array.reduce(2) { $0 + of($1) + 1 }
        case .object(let object): of(object)
        }
    }

    static func of(_ object: JSONObject) -> Int {
        object.reduce(2) { $0 + of($1.key) + of($1.value) + 2 }
    }

    static func of(_ text: String?) -> Int {
        guard let text else { return 0 }
        return text.utf8.count * 6 + 2
    }

    static func of(_ twin: TwinCollection?) -> Int {
        guard let twin else { return 0 }
        return of(twin.properties) + 128
    }

    /// An upper bound on the JSON size of an entry's content, plus a generous allowance for member names and
    /// the fixed-size members.
    static func of(_ entry: ManifestEntry) -> Int {
        let fixed = 4096
        let attestation = entry.attestation
        var strings: [String?] = [
            attestation.tpm?.endorsementKey, attestation.tpm?.storageRootKey,
            attestation.symmetricKey?.primaryKey, attestation.symmetricKey?.secondaryKey,
            attestation.x509?.clientCertificates?.primary?.certificate,
            attestation.x509?.clientCertificates?.secondary?.certificate,
            attestation.x509?.signingCertificates?.primary?.certificate,
            attestation.x509?.signingCertificates?.secondary?.certificate,
            attestation.x509?.caReferences?.primary, attestation.x509?.caReferences?.secondary,
        ]
        var total = fixed + of(attestation.unknownFields)
        switch entry {
        case .enrollment(let enrollment):
            strings += [
                enrollment.registrationId, enrollment.deviceId, enrollment.iotHubHostName, enrollment.etag,
                enrollment.customAllocationDefinition?.webhookUrl, enrollment.customAllocationDefinition?.apiVersion,
            ]
            strings += (enrollment.iotHubs ?? []).map { $0 }
            total += of(enrollment.unknownFields) + of(enrollment.optionalDeviceInformation)
            total += of(enrollment.initialTwin?.tags) + of(enrollment.initialTwin?.properties?.desired)
            total += enrollment.initialTwin.map { of($0.unknownFields) } ?? 0
            if enrollment.registrationState != nil { total += 64 * 1024 }
        case .group(let group):
            strings += [
                group.enrollmentGroupId, group.iotHubHostName, group.etag,
                group.customAllocationDefinition?.webhookUrl, group.customAllocationDefinition?.apiVersion,
            ]
            strings += (group.iotHubs ?? []).map { $0 }
            total += of(group.unknownFields)
            total += of(group.initialTwin?.tags) + of(group.initialTwin?.properties?.desired)
            total += group.initialTwin.map { of($0.unknownFields) } ?? 0
        }
        return strings.reduce(total) { $0 + of($1) }
    }
}
