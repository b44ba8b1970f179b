import DPSManifest
import DPSModel

/// The validator's fast path: proves from a CSV row's bytes that mapping it and running every rule would find
/// nothing, and gives its duplicate keys, without building the enrollment or a string per cell.
///
/// It covers the common factory row, an individual TPM enrollment: registration ID, attestation `tpm`, endorsement
/// key, and optionally device ID, storage root key, hub host name, provisioning status and initial twin, every
/// other known column empty. The content of each cell is judged by the rule's own `isClean` predicate, which the rule itself applies
/// first; the shape (which cells are filled, `tpm` spelled exactly) is what makes the mapper and the other rules
/// silent. Any other row returns nil and takes the full path, which reports its findings: the fast path may only
/// be narrower than the rules, never disagree with them (`CleanTPMRowProperties` checks this on generated rows).
struct CleanTPMRow: Sendable {
    private let fieldCount: Int
    private let registrationId: Int
    private let attestation: Int
    private let endorsementKey: Int
    private let deviceId: Int?
    private let storageRootKey: Int?
    private let iotHubHostName: Int?
    private let provisioningStatus: Int?
    private let initialTwin: Int?
    /// The positions of the known columns a clean row leaves empty.
    private let mustBeEmpty: [Int]

    /// The columns a clean row may fill; `error` is one because the mapper ignores it.
    private static let usable: Set<ManifestColumn> = [
        .registrationId, .attestation, .endorsementKey, .deviceId, .storageRootKey, .iotHubHostName,
        .provisioningStatus, .initialTwin, .error,
    ]

    /// The check for the rows of a manifest with `header`; nil when none of its rows can be a clean TPM row.
    init?(header: CSVHeader) {
        guard let registrationId = header.position(of: .registrationId),
            let attestation = header.position(of: .attestation),
            let endorsementKey = header.position(of: .endorsementKey)
        else { return nil }
        self.fieldCount = header.names.count
        self.registrationId = registrationId
        self.attestation = attestation
        self.endorsementKey = endorsementKey
        self.deviceId = header.position(of: .deviceId)
        self.storageRootKey = header.position(of: .storageRootKey)
        self.iotHubHostName = header.position(of: .iotHubHostName)
        self.provisioningStatus = header.position(of: .provisioningStatus)
        self.initialTwin = header.position(of: .initialTwin)
        self.mustBeEmpty = ManifestColumn.allCases.filter { !Self.usable.contains($0) }.compactMap(header.position)
    }

    /// The row's duplicate keys when it is certainly clean; nil when it must take the full path.
    func keys(ifClean row: CSVRowView) -> DuplicateKeys? {
        guard row.count == fieldCount else { return nil }
        for position in mustBeEmpty where !row[position].isEmpty { return nil }
        // Every predicate below rejects a space, so no cell here is one the mapper would trim.
        let id = row[registrationId]
        guard IdentifierRule.isClean(id, limit: 128), row[attestation].elementsEqual("tpm".utf8) else { return nil }
        let key = row[endorsementKey]
        guard TPMAttestationRule.isClean(key, role: .endorsementKey) else { return nil }
        if let deviceId, !row[deviceId].isEmpty, !DeviceIdRule.isClean(row[deviceId], registrationId: id) {
            return nil
        }
        if let storageRootKey, !row[storageRootKey].isEmpty,
            !TPMAttestationRule.isClean(row[storageRootKey], role: .storageRootKey)
        {
            return nil
        }
        if let iotHubHostName, !row[iotHubHostName].isEmpty, !HubHostNameRule.isClean(row[iotHubHostName]) {
            return nil
        }
        if let provisioningStatus, !row[provisioningStatus].isEmpty,
            !ProvisioningStatusRule.isClean(ProvisioningStatus(rawValue: row.string(provisioningStatus)))
        {
            return nil
        }
        var sizeBound = JSONSizeBound.ofCells(byteCount: row.byteCount, cellCount: row.count)
        if let initialTwin, !row[initialTwin].isEmpty {
            // The mapper would trim a space at either end first; such a cell takes the full path.
            let cell = row[initialTwin]
            guard cell.first != 0x20, cell.last != 0x20,
                let twin = CSVRowMapper.initialTwin(cell: row.string(initialTwin)), InitialTwinRule.isClean(twin)
            else { return nil }
            sizeBound += JSONSizeBound.of(twin)
        }
        guard EnrollmentSizeRule.isClean(sizeBound: sizeBound) else { return nil }
        return DuplicateKeys(registrationId: id, endorsementKey: key)
    }

    /// The registration ID of a row (for the message of a duplicate).
    func identifier(of row: CSVRowView) -> String { row.string(registrationId) }
}
