import DPSManifest
import DPSModel

extension ManifestEntry {
    /// The item's etag, when it has one.
    var etag: String? {
        switch self {
        case .enrollment(let enrollment): enrollment.etag
        case .group(let group): group.etag
        }
    }

    /// The same item with `attestation` in place of its own (the keys and certificates the query leaves out).
    func with(attestation: AttestationMechanism) -> ManifestEntry {
        switch self {
        case .enrollment(var enrollment):
            enrollment.attestation = attestation
            return .enrollment(enrollment)
        case .group(var group):
            group.attestation = attestation
            return .group(group)
        }
    }
}
