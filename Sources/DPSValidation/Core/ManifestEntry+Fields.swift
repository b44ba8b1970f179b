import DPSManifest
import DPSModel

extension ManifestEntry {
    /// The registration ID and device ID of an individual enrollment; nil for a group.
    ///
    /// Rules that look at a few fields of an enrollment read them through a short projection like this one:
    /// binding the payload of the indirect enum for the length of a rule (`case .enrollment(let enrollment):`
    /// followed by the checks) copies the whole enrollment, retaining and releasing its twenty-odd references, for
    /// every record and every rule.
    var enrollmentIDs: (registrationId: String, deviceId: String?)? {
        guard case .enrollment(let enrollment) = self else { return nil }
        return (enrollment.registrationId, enrollment.deviceId)
    }
}

extension ManifestEntry {
    /// The attestation type, without copying the rest of the attestation mechanism.
    var attestationType: AttestationType {
        switch self {
        case .enrollment(let enrollment): enrollment.attestation.type
        case .group(let group): group.attestation.type
        }
    }
}
