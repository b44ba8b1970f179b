import Crypto

/// The X25519 recipient stanza: wraps a file key to a recipient, and unwraps it with an identity.
enum X25519Stanza {
    static let type = "X25519"
    private static let info = Array("age-encryption.org/v1/X25519".utf8)

    /// A stanza that carries `fileKey` to `recipient`, through a fresh ephemeral key.
    static func wrap(fileKey: SymmetricKey, to recipient: AgeRecipient) throws(AgeError) -> AgeStanza {
        let ephemeral = Curve25519.KeyAgreement.PrivateKey()
        let share = Array(ephemeral.publicKey.rawRepresentation)
        guard let publicKey = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: recipient.publicKey),
            let shared = try? ephemeral.sharedSecretFromKeyAgreement(with: publicKey),
            !isAllZero(shared)
        else { throw .badRecipient("\(recipient) is not a usable X25519 public key") }
        let wrapKey = shared.hkdfDerivedSymmetricKey(
            using: SHA256.self,
            salt: share + recipient.publicKey,
            sharedInfo: info,
            outputByteCount: 32
        )
        let body = seal(fileKey, with: wrapKey)
        return AgeStanza(type: type, arguments: [AgeBase64.encode(share)], body: body)
    }

    /// The file key when `stanza` was made for `identity`; nil when it was made for another one.
    ///
    /// - Throws: `age-bad-header` when the stanza is not a well-formed X25519 stanza.
    static func unwrap(_ stanza: AgeStanza, with identity: AgeIdentity) throws(AgeError) -> SymmetricKey? {
        guard stanza.arguments.count == 1, let share = AgeBase64.decode(Array(stanza.arguments[0].utf8)),
            share.count == 32
        else { throw .badHeader("an X25519 stanza needs one argument of 32 bytes") }
        guard stanza.body.count == 32 else { throw .badHeader("an X25519 stanza's body is 32 bytes") }
        guard let publicKey = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share),
            let shared = try? identity.privateKey.sharedSecretFromKeyAgreement(with: publicKey)
        else { throw .badHeader("an X25519 stanza's share is not a valid point") }
        guard !isAllZero(shared) else { throw .badHeader("an X25519 stanza's share is a low-order point") }
        let recipient = identity.recipient.publicKey
        let wrapKey = shared.hkdfDerivedSymmetricKey(
            using: SHA256.self,
            salt: share + recipient,
            sharedInfo: info,
            outputByteCount: 32
        )
        let zeroNonce = try! ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12))
        guard
            let box = try? ChaChaPoly.SealedBox(
                nonce: zeroNonce,
                ciphertext: stanza.body.prefix(16),
                tag: stanza.body.suffix(16)
            ),
            let fileKey = try? ChaChaPoly.open(box, using: wrapKey)
        else { return nil }
        return SymmetricKey(data: fileKey)
    }

    private static func seal(_ fileKey: SymmetricKey, with key: SymmetricKey) -> [UInt8] {
        let zeroNonce = try! ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12))
        let plaintext = fileKey.withUnsafeBytes { Array($0) }
        let box = try! ChaChaPoly.seal(plaintext, using: key, nonce: zeroNonce)
        return Array(box.ciphertext) + Array(box.tag)
    }

    private static func isAllZero(_ secret: SharedSecret) -> Bool {
        secret.withUnsafeBytes { bytes in bytes.allSatisfy { $0 == 0 } }
    }
}
