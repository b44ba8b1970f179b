import DPSAge
import Foundation

/// Encrypts `plaintext` with ``AgeEncryptor``, writing in pieces of `piece` bytes.
func encrypt(_ plaintext: [UInt8], to recipients: [AgeRecipient], piece: Int = 10_000) throws -> [UInt8] {
    var out: [UInt8] = []
    let encryptor = try AgeEncryptor(recipients: recipients) { out += $0 }
    var start = 0
    while start < plaintext.count {
        let end = min(start + piece, plaintext.count)
        try encryptor.write(plaintext[start..<end])
        start = end
    }
    try encryptor.finish()
    return out
}

/// Decrypts `file` with ``AgeDecryptor``, reading it in pieces of at most `piece` bytes.
func decrypt(_ file: [UInt8], with identities: [AgeIdentity], piece: Int = 7_000) throws -> [UInt8] {
    var offset = 0
    let decryptor = try AgeDecryptor(identities: identities) { destination, count in
        let n = min(count, piece, file.count - offset)
        file.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + offset, count: n) }
        offset += n
        return n
    }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 5_000)
    while true {
        let n = try buffer.withUnsafeMutableBufferPointer { try decryptor.read(into: $0.baseAddress!, count: $0.count) }
        if n == 0 { break }
        out += buffer[0..<n]
    }
    return out
}

/// Deterministic test bytes of `count` length.
func testBytes(_ count: Int) -> [UInt8] {
    var state: UInt32 = 2_463_534_242
    return (0..<count).map { _ in
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return UInt8(truncatingIfNeeded: state)
    }
}
