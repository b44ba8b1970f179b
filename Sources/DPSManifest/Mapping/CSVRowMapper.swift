import DPSModel
import Foundation

/// Turns CSV rows into manifest records: cells become wire-model fields; cell-level problems become findings.
public struct CSVRowMapper: Sendable {
    /// The manifest's header.
    public let header: CSVHeader
    /// The manifest path as the user gave it (for findings).
    public let file: String
    /// The folder certificate paths are relative to.
    public let baseDirectory: URL

    public init(header: CSVHeader, file: String, baseDirectory: URL) {
        self.header = header
        self.file = file
        self.baseDirectory = baseDirectory
    }

    /// The record for one data row.
    public func record(fields: [String], line: Int) -> ManifestRecord {
        var row = RowContext(fields: fields, header: header, file: file, line: line)
        let source = SourcePosition(file: file, line: line)
        if fields.count != header.names.count {
            row.add(
                "",
                ManifestCodes.fieldCount,
                .error,
                "the row has \(fields.count) field\(fields.count == 1 ? "" : "s") but the header has "
                    + "\(header.names.count); check for an unquoted comma or a missing cell"
            )
        }
        let registrationId = row.cell(.registrationId)
        let groupId = row.cell(.enrollmentGroupId)
        row.identifier = registrationId ?? groupId
        let entry: ManifestEntry?
        switch (registrationId, groupId) {
        case (nil, nil):
            row.add(
                header.contains(.registrationId) ? "registrationId" : "enrollmentGroupId",
                ManifestCodes.missingId,
                .error,
                "the row has no registrationId (nor enrollmentGroupId): every device needs an ID"
            )
            entry = nil
        case (.some, .some):
            row.add(
                "enrollmentGroupId",
                ManifestCodes.bothIds,
                .error,
                "the row has both a registrationId and an enrollmentGroupId; a row is a device or a group, not both"
            )
            entry = nil
        case (.some(let id), nil):
            entry = enrollment(id, &row)
        case (nil, .some(let id)):
            entry = group(id, &row).map(ManifestEntry.group)
        }
        return ManifestRecord(
            source: source,
            entry: entry,
            identifier: row.identifier,
            readFindings: row.findings,
            original: .csv(fields)
        )
    }

    /// The enrollment entry of a row, or nil when its attestation is unusable (the other cells are still checked).
    ///
    /// The cells are read in a fixed order (it is the order of their findings), then the enrollment is built in one
    /// initializer call and moved into the entry: assigning its properties one by one, and boxing it with
    /// `Optional.map`, each copied the whole enrollment.
    private func enrollment(_ id: String, _ row: inout RowContext) -> ManifestEntry? {
        let attestation = attestation(&row, isGroup: false)
        let deviceId = row.cell(.deviceId)
        let iotHubHostName = row.cell(.iotHubHostName)
        let iotHubs = hubs(&row)
        let allocationPolicy = row.cell(.allocationPolicy).map(AllocationPolicy.init(manifestName:))
        let customAllocationDefinition = customAllocation(&row)
        let provisioningStatus = row.cell(.provisioningStatus).map(ProvisioningStatus.init(manifestName:))
        let initialTwin = initialTwin(&row)
        let optionalDeviceInformation = deviceInformation(&row)
        let capabilities = capabilities(&row)
        let reprovisionPolicy = reprovisionPolicy(&row)
        guard let attestation else { return nil }
        return .enrollment(
            IndividualEnrollment(
                registrationId: id,
                deviceId: deviceId,
                optionalDeviceInformation: optionalDeviceInformation,
                attestation: attestation,
                capabilities: capabilities,
                iotHubHostName: iotHubHostName,
                initialTwin: initialTwin,
                provisioningStatus: provisioningStatus,
                reprovisionPolicy: reprovisionPolicy,
                allocationPolicy: allocationPolicy,
                iotHubs: iotHubs,
                customAllocationDefinition: customAllocationDefinition
            )
        )
    }

    private func group(_ id: String, _ row: inout RowContext) -> EnrollmentGroup? {
        if row.cell(.deviceId) != nil {
            row.add(
                "deviceId",
                ManifestCodes.ignoredField,
                .warning,
                "deviceId is ignored for an enrollment group (each device's ID is its registration ID)"
            )
        }
        let attestation = attestation(&row, isGroup: true)
        var group = EnrollmentGroup(
            enrollmentGroupId: id,
            attestation: attestation ?? AttestationMechanism(type: .none)
        )
        group.iotHubHostName = row.cell(.iotHubHostName)
        group.iotHubs = hubs(&row)
        group.allocationPolicy = row.cell(.allocationPolicy).map(AllocationPolicy.init(manifestName:))
        group.customAllocationDefinition = customAllocation(&row)
        group.provisioningStatus = row.cell(.provisioningStatus).map(ProvisioningStatus.init(manifestName:))
        group.initialTwin = initialTwin(&row)
        group.capabilities = capabilities(&row)
        group.reprovisionPolicy = reprovisionPolicy(&row)
        return attestation == nil ? nil : group
    }

    // MARK: - Attestation

    /// The key columns of each attestation kind (static, so that mapping a row allocates no column lists).
    private static let tpmColumns: [ManifestColumn] = [.endorsementKey, .storageRootKey]
    private static let individualX509Columns: [ManifestColumn] = [.certificate, .secondaryCertificate]
    private static let groupX509Columns: [ManifestColumn] =
        [.certificate, .secondaryCertificate, .caReference, .secondaryCaReference]
    private static let keyColumns: [ManifestColumn] = [.primaryKey, .secondaryKey]
    /// The columns of the other kinds, which a row of one kind should leave empty.
    private static let unusedForTPM = individualX509Columns + keyColumns
    private static let unusedForTPMGroup = groupX509Columns + keyColumns
    private static let unusedForX509 = tpmColumns + keyColumns
    private static let unusedForSymmetricKey = tpmColumns + individualX509Columns
    private static let unusedForSymmetricKeyGroup = tpmColumns + groupX509Columns

    private func attestation(_ row: inout RowContext, isGroup: Bool) -> AttestationMechanism? {
        let x509Columns = isGroup ? Self.groupX509Columns : Self.individualX509Columns
        let type: AttestationType
        if let text = row.cell(.attestation) {
            guard let known = AttestationType(rawValue: text).caseInsensitiveMatch, known != .none else {
                row.add(
                    "attestation",
                    ManifestCodes.unknownAttestation,
                    .error,
                    "attestation '\(text)' is not one of tpm, x509, symmetricKey"
                )
                return nil
            }
            type = known
        } else {
            let filled = [
                (AttestationType.tpm, Self.tpmColumns), (.x509, x509Columns), (.symmetricKey, Self.keyColumns),
            ].filter { _, columns in columns.contains { row.cell($0) != nil } }.map(\.0)
            guard filled.count == 1 else {
                row.add(
                    "attestation",
                    ManifestCodes.missingAttestation,
                    .error,
                    filled.isEmpty
                        ? "the attestation cell is empty: write tpm, x509 or symmetricKey"
                        : "the attestation cell is empty and the row fills cells of several kinds "
                            + "(\(filled.map(\.rawValue).joined(separator: ", "))): write which one applies"
                )
                return nil
            }
            type = filled[0]
        }
        let unused: [ManifestColumn]
        var mechanism = AttestationMechanism(type: type)
        switch type {
        case .tpm:
            unused = isGroup ? Self.unusedForTPMGroup : Self.unusedForTPM
            mechanism.tpm = TpmAttestation(
                endorsementKey: row.cell(.endorsementKey),
                storageRootKey: row.cell(.storageRootKey)
            )
        case .x509:
            unused = Self.unusedForX509
            mechanism.x509 = x509(&row, isGroup: isGroup)
        default:
            unused = isGroup ? Self.unusedForSymmetricKeyGroup : Self.unusedForSymmetricKey
            mechanism.symmetricKey = SymmetricKeyAttestation(
                primaryKey: row.cell(.primaryKey),
                secondaryKey: row.cell(.secondaryKey)
            )
        }
        for column in unused where row.cell(column) != nil {
            row.add(
                column.rawValue,
                ManifestCodes.ignoredField,
                .warning,
                "\(column.rawValue) is ignored for \(type.rawValue) attestation; empty the cell or fix the attestation"
            )
        }
        return mechanism
    }

    private func x509(_ row: inout RowContext, isGroup: Bool) -> X509Attestation {
        let primary = certificate(.certificate, &row)
        let secondary = certificate(.secondaryCertificate, &row)
        var attestation = X509Attestation()
        if primary != nil || secondary != nil {
            let certificates = X509Certificates(
                primary: primary.map { X509CertificateWithInfo(certificate: $0) },
                secondary: secondary.map { X509CertificateWithInfo(certificate: $0) }
            )
            if isGroup {
                attestation.signingCertificates = certificates
            } else {
                attestation.clientCertificates = certificates
            }
        }
        if isGroup, row.cell(.caReference) != nil || row.cell(.secondaryCaReference) != nil {
            attestation.caReferences = X509CAReferences(
                primary: row.cell(.caReference),
                secondary: row.cell(.secondaryCaReference)
            )
        }
        return attestation
    }

    /// An inline PEM / base64 DER cell as is, or the contents of the file it names.
    private func certificate(_ column: ManifestColumn, _ row: inout RowContext) -> String? {
        guard let cell = row.cell(column) else { return nil }
        if CertificateCell.isInline(cell) { return cell }
        let url = cell.hasPrefix("/") ? URL(fileURLWithPath: cell) : baseDirectory.appendingPathComponent(cell)
        guard FileManager.default.fileExists(atPath: url.path) else {
            row.add(
                column.rawValue,
                ManifestCodes.certificateFileMissing,
                .error,
                "certificate file '\(cell)' not found (looked at \(url.path)); paths are relative to the manifest"
            )
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path),
            let text = String(data: data, encoding: .utf8)
        else {
            row.add(
                column.rawValue,
                ManifestCodes.certificateFileUnreadable,
                .error,
                "certificate file '\(cell)' cannot be read as UTF-8 text (a DER file? convert it to PEM)"
            )
            return nil
        }
        return text
    }

    // MARK: - Other cells

    private func hubs(_ row: inout RowContext) -> [String]? {
        guard let cell = row.cell(.iotHubs) else { return nil }
        let hubs = cell.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hubs.isEmpty ? nil : hubs
    }

    private func customAllocation(_ row: inout RowContext) -> CustomAllocationDefinition? {
        let url = row.cell(.customAllocationWebhookUrl)
        let version = row.cell(.customAllocationApiVersion)
        guard url != nil || version != nil else { return nil }
        if url == nil || version == nil {
            row.add(
                url == nil ? "customAllocationWebhookUrl" : "customAllocationApiVersion",
                ManifestCodes.incompleteCustomAllocation,
                .error,
                "custom allocation needs both customAllocationWebhookUrl and customAllocationApiVersion"
            )
        }
        return CustomAllocationDefinition(webhookUrl: url ?? "", apiVersion: version ?? "")
    }

    private func initialTwin(_ row: inout RowContext) -> InitialTwin? {
        guard let cell = row.cell(.initialTwin) else { return nil }
        switch InitialTwinCell.parse(cell) {
        case .success(let twin):
            return twin
        case .failure(let problem):
            row.add("initialTwin", problem.code, .error, problem.message)
            return nil
        }
    }

    private func deviceInformation(_ row: inout RowContext) -> TwinCollection? {
        guard let cell = row.cell(.optionalDeviceInformation) else { return nil }
        let value: JSONValue
        do {
            value = try JSONParser.parse(cell)
        } catch {
            row.add(
                "optionalDeviceInformation",
                ManifestCodes.invalidDeviceInformation,
                .error,
                "optionalDeviceInformation is not valid JSON (\(error))"
            )
            return nil
        }
        do {
            return try TwinCollection(json: value, path: "optionalDeviceInformation")
        } catch {
            row.add(
                "optionalDeviceInformation",
                ManifestCodes.invalidDeviceInformation,
                .error,
                "optionalDeviceInformation must be a JSON object: \(error)"
            )
            return nil
        }
    }

    private func capabilities(_ row: inout RowContext) -> DeviceCapabilities? {
        guard let cell = row.cell(.iotEdge) else { return nil }
        switch cell.lowercased() {
        case "true", "yes", "1": return DeviceCapabilities(iotEdge: true)
        case "false", "no", "0": return DeviceCapabilities(iotEdge: false)
        default:
            row.add("iotEdge", ManifestCodes.notBoolean, .error, "iotEdge '\(cell)' is not true or false")
            return nil
        }
    }

    private func reprovisionPolicy(_ row: inout RowContext) -> ReprovisionPolicy? {
        guard let cell = row.cell(.reprovisionPolicy) else { return nil }
        guard let name = ReprovisionPolicyName(caseInsensitive: cell) else {
            row.add(
                "reprovisionPolicy",
                ManifestCodes.unknownReprovisionPolicy,
                .error,
                "reprovisionPolicy '\(cell)' is not one of "
                    + ReprovisionPolicyName.acceptedNames.joined(separator: ", ") + " (any case)"
            )
            return nil
        }
        return name.policy
    }
}

/// A CSV row being mapped: its cells and the findings so far.
struct RowContext {
    let fields: [String]
    let header: CSVHeader
    let file: String
    let line: Int
    var identifier: String?
    var findings: [Finding] = []

    init(fields: [String], header: CSVHeader, file: String, line: Int) {
        self.fields = fields
        self.header = header
        self.file = file
        self.line = line
    }

    /// The cell of `column`, nil when the column is absent or the cell is empty.
    func cell(_ column: ManifestColumn) -> String? {
        guard let position = header.position(of: column), position < fields.count else { return nil }
        let value = fields[position]
        if value.isEmpty { return nil }
        if value.utf8.first == 0x20 || value.utf8.last == 0x20 {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        return value
    }

    mutating func add(_ field: String, _ code: FindingCode, _ severity: Severity, _ message: String) {
        findings.append(
            Finding(
                file: file,
                line: line,
                registrationId: identifier,
                field: field,
                code: code,
                severity: severity,
                message: message
            )
        )
    }
}
