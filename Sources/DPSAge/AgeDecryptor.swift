import Crypto

/// Decrypts an age file in constant memory (one sealed chunk and a header line), pulling its bytes from `input`.
///
/// Every chunk is authenticated before any of its bytes are handed out; a truncated, extended or altered file fails
/// at the chunk where it differs, and the header's MAC is checked before the payload is read at all.
public final class AgeDecryptor {
    /// Reads up to `count` bytes into the buffer; returns 0 only at the end of the input.
    public typealias Input = (UnsafeMutablePointer<UInt8>, Int) throws -> Int

    private let input: Input
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private var inputAtEOF = false
    private var payload: AgePayload
    private var plaintext: [UInt8] = []
    private var plaintextStart = 0
    private var sawLastChunk = false

    /// How many plaintext bytes were handed out.
    public private(set) var bytesProduced = 0

    /// Reads and checks the header, finding the file key with one of `identities`.
    ///
    /// - Throws: ``AgeError`` (`age-bad-header`, `age-armored`, `age-no-identity-matches`, `age-header-tampered`,
    ///   `age-truncated`), or what `input` throws.
    public init(identities: [AgeIdentity], input: @escaping Input) throws {
        self.input = input
        self.payload = AgePayload(fileKey: SymmetricKey(size: .bits128), nonce: [])
        var parser = AgeHeaderParser()
        var headerBytes = 0
        while true {
            guard let line = try nextLine() else {
                throw AgeError.truncated(headerBytes == 0 ? "it is empty" : "it ends inside the header")
            }
            headerBytes += line.count + 1
            guard headerBytes <= AgeHeader.maximumHeaderBytes else {
                throw AgeError.badHeader("it is longer than \(AgeHeader.maximumHeaderBytes) bytes")
            }
            if try parser.consume(line) { break }
        }
        guard let header = parser.header, let macInput = parser.macInput else {
            throw AgeError.badHeader("it has no MAC line")
        }
        var fileKey: SymmetricKey?
        search: for stanza in header.stanzas where stanza.type == X25519Stanza.type {
            for identity in identities {
                if let key = try X25519Stanza.unwrap(stanza, with: identity) {
                    fileKey = key
                    break search
                }
            }
        }
        guard let fileKey else { throw AgeError.noIdentityMatches }
        let macKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: fileKey,
            salt: [UInt8](),
            info: Array("header".utf8),
            outputByteCount: 32
        )
        guard HMAC<SHA256>.isValidAuthenticationCode(header.mac, authenticating: macInput, using: macKey) else {
            throw AgeError.headerMACMismatch
        }
        guard let nonce = try take(AgePayload.nonceBytes), nonce.count == AgePayload.nonceBytes else {
            throw AgeError.truncated("it ends before the payload nonce")
        }
        payload = AgePayload(fileKey: fileKey, nonce: nonce)
    }

    /// Copies up to `count` authenticated plaintext bytes into `destination`; 0 only at the end of the file.
    public func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        guard count > 0 else { return 0 }
        while plaintextStart == plaintext.count {
            if sawLastChunk {
                try expectEnd()
                return 0
            }
            try openNextChunk()
        }
        let n = min(count, plaintext.count - plaintextStart)
        plaintext.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + plaintextStart, count: n) }
        plaintextStart += n
        bytesProduced += n
        return n
    }

    /// Reads one sealed chunk and opens it; it is the last when the input ends right after it.
    private func openNextChunk() throws {
        try fill(AgePayload.sealedChunkBytes + 1)
        let available = buffer.count - bufferStart
        let index = payload.counter
        guard available > 0 else {
            throw AgeError.truncated("it ends after chunk \(index) without the final chunk")
        }
        let last = available <= AgePayload.sealedChunkBytes
        let size = min(available, AgePayload.sealedChunkBytes)
        let sealed = buffer[bufferStart..<(bufferStart + size)]
        guard let opened = payload.open(sealed, last: last) else {
            throw size <= 16
                ? AgeError.truncated("its final chunk is shorter than its tag") : AgeError.chunkFailed(index)
        }
        if last && opened.isEmpty && index > 0 { throw AgeError.trailingData(index - 1) }
        bufferStart += size
        plaintext = opened
        plaintextStart = 0
        sawLastChunk = last
    }

    private func expectEnd() throws {
        try fill(1)
        if buffer.count > bufferStart { throw AgeError.chunkFailed(payload.counter) }
    }

    /// Buffers until at least `count` unread bytes are held or the input ends.
    private func fill(_ count: Int) throws {
        if bufferStart > 0 {
            buffer.removeFirst(bufferStart)
            bufferStart = 0
        }
        while buffer.count < count && !inputAtEOF {
            let want = count - buffer.count
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: want))
            let n = try buffer.withUnsafeMutableBufferPointer { try input($0.baseAddress! + old, want) }
            buffer.removeLast(want - n)
            if n == 0 { inputAtEOF = true }
        }
    }

    /// The next `count` bytes (fewer at the end of the input).
    private func take(_ count: Int) throws -> [UInt8]? {
        try fill(count)
        let n = min(count, buffer.count - bufferStart)
        let bytes = Array(buffer[bufferStart..<(bufferStart + n)])
        bufferStart += n
        return bytes
    }

    /// The next header line without its newline; nil at the end of the input.
    private func nextLine() throws -> [UInt8]? {
        var line: [UInt8] = []
        while true {
            if bufferStart == buffer.count {
                try fill(256)
                if bufferStart == buffer.count { return nil }
            }
            let byte = buffer[bufferStart]
            bufferStart += 1
            if byte == UInt8(ascii: "\n") { return line }
            line.append(byte)
            guard line.count <= AgeHeader.maximumLineBytes else {
                throw AgeError.badHeader("a line is longer than \(AgeHeader.maximumLineBytes) bytes")
            }
        }
    }
}
