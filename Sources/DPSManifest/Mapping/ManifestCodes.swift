/// Finding codes raised while reading a manifest, before the validation rules run.
public enum ManifestCodes {
    /// A CSV row has a different number of fields than the header.
    public static let fieldCount: FindingCode = "csv.field-count"
    /// A record has no registration ID or group ID.
    public static let missingId: FindingCode = "record.missing-id"
    /// A CSV row has both a registration ID and a group ID.
    public static let bothIds: FindingCode = "record.both-ids"
    /// The attestation value is not tpm, x509 or symmetricKey.
    public static let unknownAttestation: FindingCode = "attestation.unknown-type"
    /// The attestation cell is empty and cannot be inferred.
    public static let missingAttestation: FindingCode = "attestation.missing"
    /// A cell is filled that does not apply to the record's kind.
    public static let ignoredField: FindingCode = "record.ignored-field"
    /// A certificate path names no file.
    public static let certificateFileMissing: FindingCode = "certificate.file-not-found"
    /// A certificate file is not readable text.
    public static let certificateFileUnreadable: FindingCode = "certificate.file-unreadable"
    /// Only one of the custom allocation columns is filled.
    public static let incompleteCustomAllocation: FindingCode = "custom-allocation.incomplete"
    /// The initial twin cell is not a JSON object of the twin's shape.
    public static let invalidTwinJSON: FindingCode = "initial-twin.invalid-json"
    /// The optional device information cell is not a JSON object.
    public static let invalidDeviceInformation: FindingCode = "device-information.invalid-json"
    /// A boolean cell holds something else.
    public static let notBoolean: FindingCode = "record.not-boolean"
    /// The reprovision policy name is unknown.
    public static let unknownReprovisionPolicy: FindingCode = "reprovision-policy.unknown"
    /// A JSON line is not valid JSON.
    public static let invalidJSON: FindingCode = "json.invalid"
    /// A JSON line is valid JSON but not an enrollment or group of the wire format.
    public static let notAnEnrollment: FindingCode = "json.not-an-enrollment"
}
