/// Parses an age header line by line, strictly: anything the format does not allow is refused, so that the bytes
/// the MAC covers are exactly the bytes read.
struct AgeHeaderParser {
    private enum State {
        case version
        case stanzaOrMAC
        case body(AgeStanza, base64: [UInt8])
        case done
    }

    private var state = State.version
    private var stanzas: [AgeStanza] = []
    private var text: [UInt8] = []

    /// The parsed header, once ``consume(_:)`` returned true.
    private(set) var header: AgeHeader?
    /// The bytes the MAC covers, once the header is complete.
    private(set) var macInput: [UInt8]?

    /// Takes the next line (without its newline); true when it was the MAC line that ends the header.
    mutating func consume(_ line: [UInt8]) throws(AgeError) -> Bool {
        switch state {
        case .version:
            if line.starts(with: Array("-----BEGIN AGE ENCRYPTED FILE-----".utf8)) { throw .armored }
            guard line == Array(AgeHeader.versionLine.utf8) else {
                throw .badHeader("it does not start with the line '\(AgeHeader.versionLine)'")
            }
            text = line + [UInt8(ascii: "\n")]
            state = .stanzaOrMAC
            return false
        case .stanzaOrMAC:
            if line.starts(with: Array("--- ".utf8)) {
                guard let mac = AgeBase64.decode(line.dropFirst(4)), mac.count == 32 else {
                    throw .badHeader("the MAC line does not hold 32 bytes of base64")
                }
                macInput = text + Array("---".utf8)
                header = AgeHeader(stanzas: stanzas, mac: mac)
                state = .done
                return true
            }
            guard line.starts(with: Array("-> ".utf8)) else {
                throw .badHeader("a line is neither a stanza ('-> ') nor the MAC ('--- ')")
            }
            guard stanzas.count < AgeHeader.maximumStanzas else {
                throw .badHeader("it has more than \(AgeHeader.maximumStanzas) recipient stanzas")
            }
            let fields = line.dropFirst(3).split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard !fields.isEmpty, fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= 33 && $0 <= 126 } })
            else { throw .badHeader("a stanza line has an empty or non-printable argument") }
            let words = fields.map { String(decoding: $0, as: UTF8.self) }
            text += line + [UInt8(ascii: "\n")]
            state = .body(AgeStanza(type: words[0], arguments: Array(words.dropFirst()), body: []), base64: [])
            return false
        case .body(var stanza, var base64):
            guard line.count <= 64 else { throw .badHeader("a stanza body line is longer than 64 characters") }
            text += line + [UInt8(ascii: "\n")]
            base64 += line
            if line.count == 64 {
                state = .body(stanza, base64: base64)
                return false
            }
            guard let body = AgeBase64.decode(base64) else { throw .badHeader("a stanza body is not valid base64") }
            stanza.body = body
            stanzas.append(stanza)
            state = .stanzaOrMAC
            return false
        case .done:
            return true
        }
    }
}
