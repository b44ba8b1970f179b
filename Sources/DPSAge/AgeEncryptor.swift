import Crypto

/// Encrypts a stream of bytes to age recipients in constant memory: bytes go in with ``write(_:)``, sealed chunks
/// go out to `output` as soon as a later byte shows they are not the last; ``finish()`` seals the last chunk.
public final class AgeEncryptor {
    private let output: ([UInt8]) throws -> Void
    private var payload: AgePayload
    private var pending: [UInt8] = []
    private var finished = false

    /// Starts an age file for `recipients` (at least one), writing its header and payload nonce to `output`.
    ///
    /// `output` is called with every byte of the file, in order; an error it throws is passed on.
    public init(recipients: [AgeRecipient], output: @escaping ([UInt8]) throws -> Void) throws {
        guard !recipients.isEmpty else { throw AgeError.badRecipient("no recipient given") }
        let fileKey = SymmetricKey(size: .bits128)
        var stanzas: [AgeStanza] = []
        for recipient in recipients { stanzas.append(try X25519Stanza.wrap(fileKey: fileKey, to: recipient)) }
        let header = AgeHeader(stanzas: stanzas, mac: AgeHeader.computeMAC(stanzas, fileKey: fileKey))
        var nonce = [UInt8](repeating: 0, count: AgePayload.nonceBytes)
        var generator = SystemRandomNumberGenerator()
        for i in nonce.indices { nonce[i] = generator.next() }
        self.output = output
        self.payload = AgePayload(fileKey: fileKey, nonce: nonce)
        pending.reserveCapacity(AgePayload.chunkBytes + 1)
        try output(header.encoded() + nonce)
    }

    /// Encrypts `bytes`, writing every chunk that is complete and known not to be the last.
    public func write<C: Collection>(_ bytes: C) throws where C.Element == UInt8 {
        precondition(!finished, "write after finish")
        var rest = bytes[...]
        while !rest.isEmpty {
            if pending.count == AgePayload.chunkBytes {
                // A byte follows a full chunk, so that chunk is not the last.
                let sealed = payload.seal(pending, last: false)
                pending.removeAll(keepingCapacity: true)
                try output(sealed)
            }
            let take = min(AgePayload.chunkBytes - pending.count, rest.count)
            pending.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
        }
    }

    /// Seals the last chunk and writes it; the file is complete once this returns.
    public func finish() throws {
        precondition(!finished, "finish called twice")
        finished = true
        let sealed = payload.seal(pending, last: true)
        pending.removeAll()
        try output(sealed)
    }
}
