/// An enrollment group: many devices sharing a signing certificate or a symmetric key.
///
/// Wire type `EnrollmentGroup` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct EnrollmentGroup: Codable, Sendable, Hashable {
    /// The enrollment group ID.
    public var enrollmentGroupId: String
    /// X.509 or symmetric key attestation (TPM groups are not allowed).
    public var attestation: AttestationMechanism
    /// Device capabilities.
    public var capabilities: DeviceCapabilities?
    /// The hub to provision to (deprecated: prefer iotHubs).
    public var iotHubHostName: String?
    /// The initial twin.
    @Indirect public var initialTwin: InitialTwin?
    /// The entity tag.
    public var etag: String?
    /// Whether provisioning is enabled.
    public var provisioningStatus: ProvisioningStatus?
    /// Reprovisioning behaviour.
    public var reprovisionPolicy: ReprovisionPolicy?
    /// Read-only creation time.
    public var createdDateTimeUtc: Timestamp?
    /// Read-only time of the last update.
    public var lastUpdatedDateTimeUtc: Timestamp?
    /// How a hub is chosen.
    public var allocationPolicy: AllocationPolicy?
    /// Host names of the hubs devices may be assigned to.
    public var iotHubs: [String]?
    /// The custom allocation webhook.
    @Indirect public var customAllocationDefinition: CustomAllocationDefinition?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enrollmentGroupId, attestation, capabilities, iotHubHostName, initialTwin, etag, provisioningStatus,
            reprovisionPolicy, createdDateTimeUtc, lastUpdatedDateTimeUtc, allocationPolicy, iotHubs,
            customAllocationDefinition
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        enrollmentGroupId: String,
        attestation: AttestationMechanism,
        capabilities: DeviceCapabilities? = nil,
        iotHubHostName: String? = nil,
        initialTwin: InitialTwin? = nil,
        etag: String? = nil,
        provisioningStatus: ProvisioningStatus? = nil,
        reprovisionPolicy: ReprovisionPolicy? = nil,
        createdDateTimeUtc: Timestamp? = nil,
        lastUpdatedDateTimeUtc: Timestamp? = nil,
        allocationPolicy: AllocationPolicy? = nil,
        iotHubs: [String]? = nil,
        customAllocationDefinition: CustomAllocationDefinition? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.enrollmentGroupId = enrollmentGroupId
        self.attestation = attestation
        self.capabilities = capabilities
        self.iotHubHostName = iotHubHostName
        self.initialTwin = initialTwin
        self.etag = etag
        self.provisioningStatus = provisioningStatus
        self.reprovisionPolicy = reprovisionPolicy
        self.createdDateTimeUtc = createdDateTimeUtc
        self.lastUpdatedDateTimeUtc = lastUpdatedDateTimeUtc
        self.allocationPolicy = allocationPolicy
        self.iotHubs = iotHubs
        self.customAllocationDefinition = customAllocationDefinition
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enrollmentGroupId = try container.decode(String.self, forKey: .enrollmentGroupId)
        attestation = try container.decode(AttestationMechanism.self, forKey: .attestation)
        capabilities = try container.decodeIfPresent(DeviceCapabilities.self, forKey: .capabilities)
        iotHubHostName = try container.decodeIfPresent(String.self, forKey: .iotHubHostName)
        initialTwin = try container.decodeIfPresent(InitialTwin.self, forKey: .initialTwin)
        etag = try container.decodeIfPresent(String.self, forKey: .etag)
        provisioningStatus = try container.decodeIfPresent(ProvisioningStatus.self, forKey: .provisioningStatus)
        reprovisionPolicy = try container.decodeIfPresent(ReprovisionPolicy.self, forKey: .reprovisionPolicy)
        createdDateTimeUtc = try container.decodeIfPresent(Timestamp.self, forKey: .createdDateTimeUtc)
        lastUpdatedDateTimeUtc = try container.decodeIfPresent(Timestamp.self, forKey: .lastUpdatedDateTimeUtc)
        allocationPolicy = try container.decodeIfPresent(AllocationPolicy.self, forKey: .allocationPolicy)
        iotHubs = try container.decodeIfPresent([String].self, forKey: .iotHubs)
        customAllocationDefinition = try container.decodeIfPresent(
            CustomAllocationDefinition.self,
            forKey: .customAllocationDefinition
        )
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(enrollmentGroupId, forKey: .enrollmentGroupId)
        try container.encode(attestation, forKey: .attestation)
        try container.encodeIfPresent(capabilities, forKey: .capabilities)
        try container.encodeIfPresent(iotHubHostName, forKey: .iotHubHostName)
        try container.encodeIfPresent(initialTwin, forKey: .initialTwin)
        try container.encodeIfPresent(etag, forKey: .etag)
        try container.encodeIfPresent(provisioningStatus, forKey: .provisioningStatus)
        try container.encodeIfPresent(reprovisionPolicy, forKey: .reprovisionPolicy)
        try container.encodeIfPresent(createdDateTimeUtc, forKey: .createdDateTimeUtc)
        try container.encodeIfPresent(lastUpdatedDateTimeUtc, forKey: .lastUpdatedDateTimeUtc)
        try container.encodeIfPresent(allocationPolicy, forKey: .allocationPolicy)
        try container.encodeIfPresent(iotHubs, forKey: .iotHubs)
        try container.encodeIfPresent(customAllocationDefinition, forKey: .customAllocationDefinition)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
