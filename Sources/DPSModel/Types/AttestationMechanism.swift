/// Attestation mechanism of an individual enrollment or an enrollment group.
///
/// Wire type `AttestationMechanism` of service API 2021-10-01. Members this model does not know are kept in
/// `unknownFields` and written back on encode.
public struct AttestationMechanism: Codable, Sendable, Hashable {
    /// The kind of attestation.
    public var type: AttestationType
    /// TPM attestation: endorsement and storage root keys.
    public var tpm: TpmAttestation?
    /// X.509 attestation: client or signing certificates or CA references.
    @Indirect public var x509: X509Attestation?
    /// Symmetric key attestation.
    public var symmetricKey: SymmetricKeyAttestation?
    /// Members of the JSON object this model does not know, kept for a lossless round trip.
    public var unknownFields: JSONObject

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, tpm, x509, symmetricKey
    }

    /// Creates a value; every optional member defaults to absent.
    public init(
        type: AttestationType,
        tpm: TpmAttestation? = nil,
        x509: X509Attestation? = nil,
        symmetricKey: SymmetricKeyAttestation? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.type = type
        self.tpm = tpm
        self.x509 = x509
        self.symmetricKey = symmetricKey
        self.unknownFields = unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(AttestationType.self, forKey: .type)
        tpm = try container.decodeIfPresent(TpmAttestation.self, forKey: .tpm)
        x509 = try container.decodeIfPresent(X509Attestation.self, forKey: .x509)
        symmetricKey = try container.decodeIfPresent(SymmetricKeyAttestation.self, forKey: .symmetricKey)
        unknownFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(tpm, forKey: .tpm)
        try container.encodeIfPresent(x509, forKey: .x509)
        try container.encodeIfPresent(symmetricKey, forKey: .symmetricKey)
        try encoder.encodeUnknownFields(unknownFields)
    }
}
