/// The registration state of a device (read-only).
///
/// Wire type `DeviceRegistrationState` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct DeviceRegistrationState: Codable, Sendable, Hashable {
    /// The registration ID.
    public var registrationId: String?
    /// When the registration was created.
    public var createdDateTimeUtc: Timestamp?
    /// The IoT hub the device was assigned to.
    public var assignedHub: String?
    /// The device ID in the hub.
    public var deviceId: String?
    /// The registration status.
    public var status: EnrollmentStatus?
    /// How the device was assigned.
    public var substatus: AssignedDeviceSubstatus?
    /// The error code of a failed registration.
    public var errorCode: Int?
    /// The error message of a failed registration.
    public var errorMessage: String?
    /// When the registration was last updated.
    public var lastUpdatedDateTimeUtc: Timestamp?
    /// The entity tag.
    public var etag: String?
    /// Custom allocation payload returned by the webhook.
    public var payload: JSONValue?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case registrationId, createdDateTimeUtc, assignedHub, deviceId, status, substatus, errorCode, errorMessage,
            lastUpdatedDateTimeUtc, etag, payload
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        registrationId: String? = nil,
        createdDateTimeUtc: Timestamp? = nil,
        assignedHub: String? = nil,
        deviceId: String? = nil,
        status: EnrollmentStatus? = nil,
        substatus: AssignedDeviceSubstatus? = nil,
        errorCode: Int? = nil,
        errorMessage: String? = nil,
        lastUpdatedDateTimeUtc: Timestamp? = nil,
        etag: String? = nil,
        payload: JSONValue? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.registrationId = registrationId
        self.createdDateTimeUtc = createdDateTimeUtc
        self.assignedHub = assignedHub
        self.deviceId = deviceId
        self.status = status
        self.substatus = substatus
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.lastUpdatedDateTimeUtc = lastUpdatedDateTimeUtc
        self.etag = etag
        self.payload = payload
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        registrationId = try container.decodeIfPresent(String.self, forKey: .registrationId)
        createdDateTimeUtc = try container.decodeIfPresent(Timestamp.self, forKey: .createdDateTimeUtc)
        assignedHub = try container.decodeIfPresent(String.self, forKey: .assignedHub)
        deviceId = try container.decodeIfPresent(String.self, forKey: .deviceId)
        status = try container.decodeIfPresent(EnrollmentStatus.self, forKey: .status)
        substatus = try container.decodeIfPresent(AssignedDeviceSubstatus.self, forKey: .substatus)
        errorCode = try container.decodeIfPresent(Int.self, forKey: .errorCode)
        errorMessage = try container.decodeIfPresent(String.self, forKey: .errorMessage)
        lastUpdatedDateTimeUtc = try container.decodeIfPresent(Timestamp.self, forKey: .lastUpdatedDateTimeUtc)
        etag = try container.decodeIfPresent(String.self, forKey: .etag)
        payload = try container.decodeIfPresent(JSONValue.self, forKey: .payload)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(registrationId, forKey: .registrationId)
        try container.encodeIfPresent(createdDateTimeUtc, forKey: .createdDateTimeUtc)
        try container.encodeIfPresent(assignedHub, forKey: .assignedHub)
        try container.encodeIfPresent(deviceId, forKey: .deviceId)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(substatus, forKey: .substatus)
        try container.encodeIfPresent(errorCode, forKey: .errorCode)
        try container.encodeIfPresent(errorMessage, forKey: .errorMessage)
        try container.encodeIfPresent(lastUpdatedDateTimeUtc, forKey: .lastUpdatedDateTimeUtc)
        try container.encodeIfPresent(etag, forKey: .etag)
        try container.encodeIfPresent(payload, forKey: .payload)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
