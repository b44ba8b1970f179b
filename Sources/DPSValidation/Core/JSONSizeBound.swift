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

    /// The part of an entry's bound that its initial twin contributes.
    static func of(_ twin: InitialTwin) -> Int {
        of(twin.tags) + of(twin.properties?.desired) + of(twin.unknownFields)
    }

    /// An upper bound on ``of(_:)-(ManifestEntry)`` for an individual enrollment whose strings are all CSV cells,
    /// `byteCount` bytes in `cellCount` cells in all (an initial twin's cell among them counts once more, as
    /// ``of(_:)-(InitialTwin)``), with no device information, hub list or certificate file: the fixed 4096, 2 for
    /// each of the two empty unknown-member objects, 6 per byte and 2 per cell.
    static func ofCells(byteCount: Int, cellCount: Int) -> Int {
        4096 + 2 * 2 + byteCount * 6 + cellCount * 2
    }

    /// An upper bound on the JSON size of an entry's content, plus a generous allowance for member names and
    /// the fixed-size members.
    static func of(_ entry: ManifestEntry) -> Int {
        let attestation = entry.attestation
        var total = 4096 + of(attestation.unknownFields)
        total += of(attestation.tpm?.endorsementKey) + of(attestation.tpm?.storageRootKey)
        total += of(attestation.symmetricKey?.primaryKey) + of(attestation.symmetricKey?.secondaryKey)
        if let x509 = attestation.x509 {
            total += of(x509.clientCertificates?.primary?.certificate)
            total += of(x509.clientCertificates?.secondary?.certificate)
            total += of(x509.signingCertificates?.primary?.certificate)
            total += of(x509.signingCertificates?.secondary?.certificate)
            total += of(x509.caReferences?.primary) + of(x509.caReferences?.secondary)
        }
        switch entry {
        case .enrollment(let enrollment):
            total += of(enrollment.registrationId) + of(enrollment.deviceId) + of(enrollment.iotHubHostName)
            total += of(enrollment.etag) + of(enrollment.customAllocationDefinition?.webhookUrl)
            total += of(enrollment.customAllocationDefinition?.apiVersion)
            for hub in enrollment.iotHubs ?? [] { total += of(hub) }
            total += of(enrollment.unknownFields) + of(enrollment.optionalDeviceInformation)
            if let twin = enrollment.initialTwin { total += of(twin) }
            if enrollment.registrationState != nil { total += 64 * 1024 }
        case .group(let group):
            total += of(group.enrollmentGroupId) + of(group.iotHubHostName) + of(group.etag)
            total += of(group.customAllocationDefinition?.webhookUrl)
            total += of(group.customAllocationDefinition?.apiVersion)
            for hub in group.iotHubs ?? [] { total += of(hub) }
            total += of(group.unknownFields)
            if let twin = group.initialTwin { total += of(twin) }
        }
        return total
    }
}
