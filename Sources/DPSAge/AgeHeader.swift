import Crypto

/// The header of an age v1 file: recipient stanzas and the MAC that binds them to the file key.
struct AgeHeader {
    /// The first line of every age v1 file.
    static let versionLine = "age-encryption.org/v1"
    /// The longest header line read (an X25519 stanza's lines are under 80 bytes).
    static let maximumLineBytes = 4096
    /// The most stanzas read: a file encrypted to more recipients than this is refused, not allocated.
    static let maximumStanzas = 1024
    /// The most header bytes read before giving up.
    static let maximumHeaderBytes = 1 << 20

    var stanzas: [AgeStanza]
    /// The 32-byte HMAC-SHA-256 over the header text up to and including `---`.
    var mac: [UInt8]

    /// The header text the MAC covers: version line, stanzas, and `---` (without the space after it).
    static func macInput(_ stanzas: [AgeStanza]) -> String {
        versionLine + "\n" + stanzas.map { $0.encoded() }.joined() + "---"
    }

    /// The MAC of a header under `fileKey`.
    static func computeMAC(_ stanzas: [AgeStanza], fileKey: SymmetricKey) -> [UInt8] {
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: fileKey,
            salt: [UInt8](),
            info: Array("header".utf8),
            outputByteCount: 32
        )
        return Array(HMAC<SHA256>.authenticationCode(for: Array(macInput(stanzas).utf8), using: key))
    }

    /// The header's bytes as written to a file.
    func encoded() -> [UInt8] {
        Array((Self.macInput(stanzas) + " " + AgeBase64.encode(mac) + "\n").utf8)
    }
}
