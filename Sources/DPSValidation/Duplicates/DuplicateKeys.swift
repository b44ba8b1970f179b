import DPSManifest
import DPSModel

/// The hashes of what must be unique across a manifest, computed per record (in parallel) for the
/// ``DuplicateDetector`` (sequential).
public struct DuplicateKeys: Sendable {
    /// The registration ID or group ID, lowercased (IDs are case-insensitive), tagged by kind.
    var identifier: UInt64?
    /// The endorsement key of a TPM enrollment.
    var endorsementKey: UInt64?
    /// The DER content of each client certificate of an X.509 individual enrollment.
    var certificates: [UInt64] = []

    /// The keys of `entry`.
    public init(_ entry: ManifestEntry) {
        switch entry {
        case .enrollment(let enrollment):
            identifier = Self.hash(lowercasedASCII: enrollment.registrationId, tag: 1)
            if enrollment.attestation.type == .tpm, let key = enrollment.attestation.tpm?.endorsementKey {
                endorsementKey = Self.hash(base64Content: key, tag: 3)
            }
            if enrollment.attestation.type == .x509, let pair = enrollment.attestation.x509?.clientCertificates {
                certificates = [pair.primary?.certificate, pair.secondary?.certificate].compactMap { certificate in
                    certificate.map { Self.hash(base64Content: $0, tag: 4) }
                }
            }
        case .group(let group):
            identifier = Self.hash(lowercasedASCII: group.enrollmentGroupId, tag: 2)
        }
    }

    static func hash(lowercasedASCII text: String, tag: UInt8) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(tag)
        for byte in text.utf8 {
            hasher.combine((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
        }
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }

    /// Hashes the base64 characters of `text` only, so that PEM armour, line breaks and whitespace do not matter.
    static func hash(base64Content text: String, tag: UInt8) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(tag)
        var body = Substring(text)
        if let begin = text.range(of: "-----BEGIN") {
            let afterHeader = text[begin.upperBound...].range(of: "-----").map { $0.upperBound } ?? begin.upperBound
            let end = text[afterHeader...].range(of: "-----END")?.lowerBound ?? text.endIndex
            body = text[afterHeader..<end]
        }
        for byte in body.utf8 where byte > 0x20 {
            hasher.combine(byte)
        }
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }
}
