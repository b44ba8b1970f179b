import Crypto

/// An age X25519 recipient: a public key written `age1…`, to which a file is encrypted.
public struct AgeRecipient: Sendable, Hashable, CustomStringConvertible {
    /// The 32-byte X25519 public key.
    public let publicKey: [UInt8]

    /// Parses an `age1…` string (surrounding whitespace ignored).
    ///
    /// - Throws: `age-bad-recipient` naming why (not Bech32, another key type, wrong length).
    public init(_ text: String) throws(AgeError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.uppercased().hasPrefix("AGE-SECRET-KEY-") else {
            // Never echo it: it is a secret given where a public key belongs.
            throw .badRecipient(
                "an identity (AGE-SECRET-KEY-1…, a secret) was given instead of its recipient; "
                    + "give the age1… public key that age-keygen -y prints"
            )
        }
        switch Bech32.decode(trimmed) {
        case .failure(let failure):
            throw .badRecipient("'\(trimmed.prefix(80))' is not an age1… key: \(failure.reason)")
        case .success(let (hrp, data)):
            guard hrp == "age" else {
                throw .badRecipient("'\(trimmed.prefix(80))' is not an age X25519 recipient (it should start 'age1')")
            }
            guard data.count == 32 else {
                throw .badRecipient("an X25519 recipient holds 32 bytes, this one \(data.count)")
            }
            guard trimmed == trimmed.lowercased() else {
                throw .badRecipient("an age recipient is written in lower case")
            }
            publicKey = data
        }
    }

    init(publicKey: [UInt8]) {
        self.publicKey = publicKey
    }

    /// The `age1…` text of this recipient.
    public var description: String { Bech32.encode(hrp: "age", data: publicKey) }

    /// Reads recipients from text: one `age1…` per line, blank lines and lines starting with `#` ignored.
    ///
    /// - Throws: `age-bad-recipient` naming the line.
    public static func parseList(_ text: String, source: String) throws(AgeError) -> [AgeRecipient] {
        var recipients: [AgeRecipient] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(line).trimmingASCIIWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                recipients.append(try AgeRecipient(trimmed))
            } catch {
                throw AgeError(code: error.code, message: "\(source) line \(index + 1): \(error.message)")
            }
        }
        guard !recipients.isEmpty else { throw .badRecipient("\(source) lists no age1… recipient") }
        return recipients
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
