import Crypto
import Foundation

/// The STREAM payload of an age file: 64 KiB chunks sealed with ChaCha20-Poly1305 under a key derived from the
/// file key and a 16-byte nonce; each chunk's nonce is an 11-byte big-endian counter and a last-chunk flag.
struct AgePayload {
    /// Plaintext bytes per chunk.
    static let chunkBytes = 64 << 10
    /// Ciphertext bytes of a full chunk (plaintext and the 16-byte tag).
    static let sealedChunkBytes = chunkBytes + 16
    static let nonceBytes = 16

    private let key: SymmetricKey
    /// The index of the next chunk.
    private(set) var counter: UInt64 = 0

    /// The payload cipher for a file key and the payload's nonce.
    init(fileKey: SymmetricKey, nonce: [UInt8]) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: fileKey,
            salt: nonce,
            info: Array("payload".utf8),
            outputByteCount: 32
        )
    }

    private func chunkNonce(last: Bool) -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 12)
        for i in 0..<8 { bytes[10 - i] = UInt8(truncatingIfNeeded: counter >> (8 * UInt64(i))) }
        bytes[11] = last ? 1 : 0
        return try! ChaChaPoly.Nonce(data: bytes)
    }

    /// Seals the next chunk (at most ``chunkBytes``; empty only as the first and last chunk).
    mutating func seal<D: DataProtocol>(_ plaintext: D, last: Bool) -> [UInt8] {
        let box = try! ChaChaPoly.seal(plaintext, using: key, nonce: chunkNonce(last: last))
        counter += 1
        return Array(box.ciphertext) + Array(box.tag)
    }

    /// Opens the next chunk; nil when it fails authentication.
    mutating func open(_ sealed: ArraySlice<UInt8>, last: Bool) -> [UInt8]? {
        guard sealed.count >= 16,
            let box = try? ChaChaPoly.SealedBox(
                nonce: chunkNonce(last: last),
                ciphertext: sealed.dropLast(16),
                tag: sealed.suffix(16)
            ),
            let plaintext = try? ChaChaPoly.open(box, using: key)
        else { return nil }
        counter += 1
        return Array(plaintext)
    }
}
