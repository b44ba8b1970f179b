import DPSModel

/// The attestation's type is one of the spec's values, and a `tpm` attestation has an `endorsementKey`.
///
/// Source: service.json (`AttestationMechanism.type` is required, an enum of none, tpm, x509, symmetricKey;
/// `TpmAttestation.endorsementKey` is required). What an x509 or symmetricKey section must hold is not required
/// by the spec (and NOTES.md: "When a create omits keys, the service generates them"), so it is not checked.
struct AttestationPresenceRule: ItemRule {
    var source: String { "service.json AttestationMechanism, TpmAttestation; NOTES.md Symmetric keys" }

    func check<Item: RegistryItem>(_ item: Item) throws(ServiceError) {
        let attestation = item.attestation
        switch attestation.type {
        case .tpm:
            guard let key = attestation.tpm?.endorsementKey, !key.isEmpty else {
                throw ServiceError.badRequest("A tpm attestation needs attestation.tpm.endorsementKey.")
            }
        case .x509, .symmetricKey, .none:
            break
        default:
            throw ServiceError.badRequest(
                "The attestation type '\(attestation.type.rawValue)' is not one of none, tpm, x509, symmetricKey."
            )
        }
    }
}
