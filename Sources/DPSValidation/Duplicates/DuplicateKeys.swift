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
        var text = text
        return text.withUTF8 { bytes in
            var hasher = Hasher()
            hasher.combine(tag)
            if !bytes.contains(where: { (0x41...0x5A).contains($0) }) {
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            } else {
                let lowered = bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
                lowered.withUnsafeBytes { hasher.combine(bytes: $0) }
            }
            return UInt64(bitPattern: Int64(hasher.finalize()))
        }
    }

    /// Hashes the base64 characters of `text` only, so that PEM armour, line breaks and whitespace do not matter.
    static func hash(base64Content text: String, tag: UInt8) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var hasher = Hasher()
            hasher.combine(tag)
            if bytes.first != UInt8(ascii: "-"), !bytes.contains(where: { $0 <= 0x20 }) {
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            } else {
                base64Body(bytes).withUnsafeBytes { hasher.combine(bytes: $0) }
            }
            return UInt64(bitPattern: Int64(hasher.finalize()))
        }
    }

    /// The non-whitespace bytes between a PEM block's header and footer lines (or of the whole text without one).
    static func base64Body(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(bytes.count)
        var index = 0
        if let begin = firstRange(of: Array("-----BEGIN".utf8), in: bytes, from: 0),
            let headerEnd = firstRange(of: Array("-----".utf8), in: bytes, from: begin.upperBound)
        {
            index = headerEnd.upperBound
        }
        let end = firstRange(of: Array("-----END".utf8), in: bytes, from: index)?.lowerBound ?? bytes.count
        while index < end {
            if bytes[index] > 0x20 { body.append(bytes[index]) }
            index += 1
        }
        return body
    }

    private static func firstRange(
        of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> Range<Int>? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) {
                return index..<(index + needle.count)
            }
            index += 1
        }
        return nil
    }
}
