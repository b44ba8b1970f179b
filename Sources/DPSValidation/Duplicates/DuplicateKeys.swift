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
        // The fields are read through short projections, not by binding the whole enrollment (see
        // `ManifestEntry.enrollmentIDs`).
        guard let (registrationId, _) = entry.enrollmentIDs else {
            identifier = Self.hash(lowercasedASCII: entry.identifier, tag: 2)
            return
        }
        identifier = Self.hash(lowercasedASCII: registrationId, tag: 1)
        switch entry.attestationType {
        case .tpm:
            if let key = entry.attestation.tpm?.endorsementKey {
                endorsementKey = Self.hash(base64Content: key, tag: 3)
            }
        case .x509:
            if let pair = entry.attestation.x509?.clientCertificates {
                certificates = [pair.primary?.certificate, pair.secondary?.certificate].compactMap { certificate in
                    certificate.map { Self.hash(base64Content: $0, tag: 4) }
                }
            }
        default:
            break
        }
    }

    /// The keys of an individual TPM enrollment from the UTF-8 bytes of its registration ID and endorsement key
    /// (the validator's fast path, which reads them from CSV cells): the same keys as ``init(_:)`` of its entry.
    init(registrationId: UnsafeBufferPointer<UInt8>, endorsementKey: UnsafeBufferPointer<UInt8>) {
        identifier = Self.hash(lowercasedASCII: registrationId, tag: 1)
        self.endorsementKey = Self.hash(base64Content: endorsementKey, tag: 3)
    }

    static func hash(lowercasedASCII text: String, tag: UInt8) -> UInt64 {
        var text = text
        return text.withUTF8 { hash(lowercasedASCII: $0, tag: tag) }
    }

    /// `hash(lowercasedASCII:tag:)` of UTF-8 bytes.
    static func hash(lowercasedASCII bytes: UnsafeBufferPointer<UInt8>, tag: UInt8) -> UInt64 {
        if !bytes.contains(where: { (0x41...0x5A).contains($0) }) {
            return KeyHash.hash(UnsafeRawBufferPointer(bytes), seed: UInt64(tag))
        }
        let lowered = bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return lowered.withUnsafeBytes { KeyHash.hash($0, seed: UInt64(tag)) }
    }

    /// Hashes the base64 characters of `text` only, so that PEM armour, line breaks and whitespace do not matter.
    static func hash(base64Content text: String, tag: UInt8) -> UInt64 {
        var text = text
        return text.withUTF8 { hash(base64Content: $0, tag: tag) }
    }

    /// `hash(base64Content:tag:)` of UTF-8 bytes.
    static func hash(base64Content bytes: UnsafeBufferPointer<UInt8>, tag: UInt8) -> UInt64 {
        if bytes.first != UInt8(ascii: "-"), !containsWhitespaceOrControl(UnsafeRawBufferPointer(bytes)) {
            return KeyHash.hash(UnsafeRawBufferPointer(bytes), seed: UInt64(tag))
        }
        return base64Body(bytes).withUnsafeBytes { KeyHash.hash($0, seed: UInt64(tag)) }
    }

    /// Whether some byte is 0x20 or below (a space, line break or control character), eight bytes at a time.
    static func containsWhitespaceOrControl(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // A byte below 0x21 borrows in `word - 0x21…21` and so sets its top bit, which `~word` keeps only for
        // bytes below 0x80 (the "has less" test of Bit Twiddling Hacks; exact as to whether any byte matches).
        let ones: UInt64 = 0x0101_0101_0101_0101
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if (word &- ones &* 0x21) & ~word & (ones &* 0x80) != 0 { return true }
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] <= 0x20 { return true }
            offset += 1
        }
        return false
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
        of needle: [UInt8],
        in bytes: UnsafeBufferPointer<UInt8>,
        from start: Int
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
