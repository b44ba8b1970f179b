import Crypto

/// An age X25519 identity: the private key written `AGE-SECRET-KEY-1…` that decrypts files sent to its recipient.
///
/// Its description is redacted: an identity never appears in output, logs or error messages.
public struct AgeIdentity: Sendable, CustomStringConvertible {
    /// The 32-byte X25519 scalar (kept as bytes: swift-crypto's key type is not Sendable).
    private let scalar: [UInt8]

    var privateKey: Curve25519.KeyAgreement.PrivateKey {
        try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: scalar)
    }

    /// Parses an `AGE-SECRET-KEY-1…` string.
    ///
    /// - Throws: `age-bad-identity`; the message never repeats the text.
    public init(_ text: String) throws(AgeError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard case .success(let (hrp, data)) = Bech32.decode(trimmed) else {
            throw .badIdentity("it is not a Bech32 AGE-SECRET-KEY-1… string (a typo, or a truncated key)")
        }
        guard hrp == "age-secret-key-", trimmed == trimmed.uppercased() else {
            throw .badIdentity("it is not an age X25519 identity (it should start 'AGE-SECRET-KEY-1', in capitals)")
        }
        guard data.count == 32, (try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: data)) != nil else {
            throw .badIdentity("an X25519 identity holds 32 bytes, this one \(data.count)")
        }
        scalar = data
    }

    /// A new random identity.
    public static func generate() -> AgeIdentity {
        AgeIdentity(privateKey: Curve25519.KeyAgreement.PrivateKey())
    }

    init(privateKey: Curve25519.KeyAgreement.PrivateKey) {
        scalar = Array(privateKey.rawRepresentation)
    }

    /// The recipient that files for this identity are encrypted to.
    public var recipient: AgeRecipient { AgeRecipient(publicKey: Array(privateKey.publicKey.rawRepresentation)) }

    /// The `AGE-SECRET-KEY-1…` text, for writing an identity file; never log it.
    public var secretText: String {
        Bech32.encode(hrp: "age-secret-key-", data: Array(privateKey.rawRepresentation)).uppercased()
    }

    /// Redacted: names the recipient only.
    public var description: String { "AgeIdentity(for \(recipient))" }

    /// The identities of an age identity file: one `AGE-SECRET-KEY-1…` per line, blank and `#` lines ignored.
    ///
    /// - Throws: `age-bad-identity` naming the line number, never its text.
    public static func parseFile(_ text: String, source: String) throws(AgeError) -> [AgeIdentity] {
        var identities: [AgeIdentity] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(line).trimmingASCIIWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                identities.append(try AgeIdentity(trimmed))
            } catch {
                throw AgeError(code: error.code, message: "\(source) line \(index + 1): \(error.message)")
            }
        }
        guard !identities.isEmpty else { throw .badIdentity("\(source) holds no AGE-SECRET-KEY-1… line") }
        return identities
    }
}
