import DPSModel

/// The JSON body of a bulk operation, written straight from the model values instead of through `JSONEncoder`
/// item by item: the same JSON in meaning as the `Codable` encoding (`BulkBodyTests` compares the two, parsed,
/// for every attestation kind and optional member).
///
/// The members every enrollment has (identifiers, attestation keys, hubs, status, policies) are written by hand;
/// the rare, deep ones (initial twin, X.509 certificates, registration state, device information, timestamps)
/// and members the model does not know go through `JSONEncoder`, one member at a time.
enum BulkBody {
    /// The body of `operation`.
    static func encode(_ operation: BulkEnrollmentOperation) throws -> [UInt8] {
        var writer = JSONBodyWriter(capacity: 256 * operation.enrollments.count + 64)
        try writer.object { writer in
            writer.name("enrollments")
            try writer.array(operation.enrollments) { try $0.enrollment($1) }
            writer.member("mode", operation.mode.rawValue)
            try writer.unknown(operation.unknownFields)
        }
        return writer.bytes
    }

    /// The body of `operation`.
    static func encode(_ operation: BulkEnrollmentGroupOperation) throws -> [UInt8] {
        var writer = JSONBodyWriter(capacity: 256 * operation.enrollmentGroups.count + 64)
        try writer.object { writer in
            writer.name("enrollmentGroups")
            try writer.array(operation.enrollmentGroups) { try $0.group($1) }
            writer.member("mode", operation.mode.rawValue)
            try writer.unknown(operation.unknownFields)
        }
        return writer.bytes
    }
}

/// A request body that writes its own JSON (instead of going through `JSONEncoder`).
protocol DirectJSONBody {
    /// The body's JSON.
    func jsonBytes() throws -> [UInt8]
}

extension BulkEnrollmentOperation: DirectJSONBody {
    func jsonBytes() throws -> [UInt8] { try BulkBody.encode(self) }
}

extension BulkEnrollmentGroupOperation: DirectJSONBody {
    func jsonBytes() throws -> [UInt8] { try BulkBody.encode(self) }
}

extension JSONBodyWriter {
    /// Writes an array of `values`, each written by `element`.
    mutating func array<Element>(
        _ values: [Element],
        _ element: (inout JSONBodyWriter, Element) throws -> Void
    ) rethrows {
        appendByte(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { appendByte(UInt8(ascii: ",")) }
            try element(&self, value)
        }
        appendByte(UInt8(ascii: "]"))
    }

    /// Writes an individual enrollment, members in the order of its `Codable` encoding.
    mutating func enrollment(_ enrollment: IndividualEnrollment) throws {
        try object { writer in
            writer.member("registrationId", enrollment.registrationId)
            writer.member("deviceId", enrollment.deviceId)
            try writer.encoded("registrationState", enrollment.registrationState)
            try writer.encoded("optionalDeviceInformation", enrollment.optionalDeviceInformation)
            writer.name("attestation")
            try writer.attestation(enrollment.attestation)
            try writer.capabilities(enrollment.capabilities)
            writer.member("iotHubHostName", enrollment.iotHubHostName)
            try writer.encoded("initialTwin", enrollment.initialTwin)
            writer.member("etag", enrollment.etag)
            writer.member("provisioningStatus", enrollment.provisioningStatus?.rawValue)
            try writer.reprovisionPolicy(enrollment.reprovisionPolicy)
            writer.member("createdDateTimeUtc", enrollment.createdDateTimeUtc?.rawValue)
            writer.member("lastUpdatedDateTimeUtc", enrollment.lastUpdatedDateTimeUtc?.rawValue)
            writer.member("allocationPolicy", enrollment.allocationPolicy?.rawValue)
            writer.member("iotHubs", enrollment.iotHubs)
            try writer.customAllocation(enrollment.customAllocationDefinition)
            try writer.unknown(enrollment.unknownFields)
        }
    }

    /// Writes an enrollment group, members in the order of its `Codable` encoding.
    mutating func group(_ group: EnrollmentGroup) throws {
        try object { writer in
            writer.member("enrollmentGroupId", group.enrollmentGroupId)
            writer.name("attestation")
            try writer.attestation(group.attestation)
            try writer.capabilities(group.capabilities)
            writer.member("iotHubHostName", group.iotHubHostName)
            try writer.encoded("initialTwin", group.initialTwin)
            writer.member("etag", group.etag)
            writer.member("provisioningStatus", group.provisioningStatus?.rawValue)
            try writer.reprovisionPolicy(group.reprovisionPolicy)
            writer.member("createdDateTimeUtc", group.createdDateTimeUtc?.rawValue)
            writer.member("lastUpdatedDateTimeUtc", group.lastUpdatedDateTimeUtc?.rawValue)
            writer.member("allocationPolicy", group.allocationPolicy?.rawValue)
            writer.member("iotHubs", group.iotHubs)
            try writer.customAllocation(group.customAllocationDefinition)
            try writer.unknown(group.unknownFields)
        }
    }

    private mutating func attestation(_ attestation: AttestationMechanism) throws {
        try object { writer in
            writer.member("type", attestation.type.rawValue)
            if let tpm = attestation.tpm {
                writer.name("tpm")
                try writer.object { writer in
                    writer.member("endorsementKey", tpm.endorsementKey)
                    writer.member("storageRootKey", tpm.storageRootKey)
                    try writer.unknown(tpm.unknownFields)
                }
            }
            try writer.encoded("x509", attestation.x509)
            if let symmetricKey = attestation.symmetricKey {
                writer.name("symmetricKey")
                try writer.object { writer in
                    writer.member("primaryKey", symmetricKey.primaryKey)
                    writer.member("secondaryKey", symmetricKey.secondaryKey)
                    try writer.unknown(symmetricKey.unknownFields)
                }
            }
            try writer.unknown(attestation.unknownFields)
        }
    }

    private mutating func capabilities(_ capabilities: DeviceCapabilities?) throws {
        guard let capabilities else { return }
        name("capabilities")
        try object { writer in
            writer.member("iotEdge", capabilities.iotEdge)
            try writer.unknown(capabilities.unknownFields)
        }
    }

    private mutating func reprovisionPolicy(_ policy: ReprovisionPolicy?) throws {
        guard let policy else { return }
        name("reprovisionPolicy")
        try object { writer in
            writer.member("updateHubAssignment", policy.updateHubAssignment)
            writer.member("migrateDeviceData", policy.migrateDeviceData)
            try writer.unknown(policy.unknownFields)
        }
    }

    private mutating func customAllocation(_ definition: CustomAllocationDefinition?) throws {
        guard let definition else { return }
        name("customAllocationDefinition")
        try object { writer in
            writer.member("webhookUrl", definition.webhookUrl)
            writer.member("apiVersion", definition.apiVersion)
            try writer.unknown(definition.unknownFields)
        }
    }
}
