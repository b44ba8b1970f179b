/// Rewrites a JSON text compact, with every object's members sorted by name, straight from its bytes: the layout
/// `JSONEncoder` writes with `.sortedKeys`, without decoding to a model and encoding again.
///
/// Strings and numbers are copied as they came (their escapes and digits are not normalised), so nothing a model
/// does not know is lost and nothing is rounded; the meaning is that of the input. Member names are ordered by
/// their UTF-8 bytes, as `JSONEncoder` orders them. The input is checked against RFC 8259's grammar (and for
/// valid UTF-8) on the way: a malformed text throws ``Malformed`` and writes nothing usable.
struct CanonicalJSON {
    /// Why a text is not JSON, with the byte offset of the problem.
    struct Malformed: Error, Sendable, Hashable, CustomStringConvertible {
        /// The 0-based byte offset.
        let offset: Int
        /// What is wrong.
        let reason: String
        var description: String { "\(reason) at byte \(offset + 1)" }
    }

    /// Deeper nesting is refused (no query item nests more than a few levels).
    static let maximumDepth = 512

    private let input: UnsafeBufferPointer<UInt8>
    /// The next byte of `input` to read.
    private(set) var index = 0
    /// What has been written so far.
    var output: [UInt8] = []
    /// Whether a byte above 0x7F was copied (the caller then checks the whole text is UTF-8).
    private(set) var sawNonASCII = false
    /// The members of the objects being written, innermost last (one stack for all levels: no allocation each).
    private var members: [Member] = []
    private var scratch: [UInt8] = []
    /// The members of the last outermost object written (a page's item), in ``output`` order: found by name
    /// without reading the text again (see ``topMember(_:)``).
    private(set) var topMembers: [IndexedMember] = []

    /// Where a member of an outermost object is in ``output``: its name (without quotes) and its value.
    struct IndexedMember {
        var name: Range<Int>
        var value: Range<Int>
    }

    /// One member written to `output`: its name's bytes (without quotes) and the whole `"name":value`.
    private struct Member {
        var name: Range<Int>
        var whole: Range<Int>
    }

    /// A writer reading `input`.
    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    func malformed(_ reason: String) -> Malformed { Malformed(offset: index, reason: reason) }

    private var current: UInt8? { index < input.count ? input[index] : nil }

    mutating func skipWhitespace() {
        while index < input.count {
            switch input[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Whether the next byte (after whitespace) is `byte`; consumes it when it is.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Writes the value at `index` (leading whitespace skipped).
    mutating func writeValue(depth: Int = 0) throws(Malformed) {
        guard depth < Self.maximumDepth else { throw malformed("JSON nested too deeply") }
        skipWhitespace()
        guard let byte = current else { throw malformed("the JSON ends too early") }
        switch byte {
        case UInt8(ascii: "{"): try writeObject(depth: depth)
        case UInt8(ascii: "["): try writeArray(depth: depth)
        case UInt8(ascii: "\""): try writeString()
        case UInt8(ascii: "t"): try writeLiteral("true")
        case UInt8(ascii: "f"): try writeLiteral("false")
        case UInt8(ascii: "n"): try writeLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try writeNumber()
        default: throw malformed("unexpected character \(byte) where a value should be")
        }
    }

    private mutating func writeObject(depth: Int) throws(Malformed) {
        index += 1
        output.append(UInt8(ascii: "{"))
        let base = members.count
        let contentStart = output.count
        if depth == 0 { topMembers.removeAll(keepingCapacity: true) }
        if !consume(UInt8(ascii: "}")) {
            repeat {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw malformed("expected a member name in double quotes") }
                let start = output.count
                try writeString()
                let name = (start + 1)..<(output.count - 1)
                guard consume(UInt8(ascii: ":")) else { throw malformed("expected ':' after a member name") }
                output.append(UInt8(ascii: ":"))
                try writeValue(depth: depth + 1)
                members.append(Member(name: name, whole: start..<output.count))
                output.append(UInt8(ascii: ","))
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "}")) else { throw malformed("expected ',' or '}' in an object") }
            output.removeLast()  // the last ','
            sortMembers(from: base, contentStart: contentStart)
            if depth == 0 {
                for member in members[base...] {
                    // The value starts after the name's closing quote and the colon.
                    topMembers.append(
                        IndexedMember(name: member.name, value: (member.name.upperBound + 2)..<member.whole.upperBound)
                    )
                }
            }
            members.removeSubrange(base...)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Rewrites the members `members[base...]` (written from `contentStart`) in name order, when they are not;
    /// `members[base...]` then tells where each is now.
    private mutating func sortMembers(from base: Int, contentStart: Int) {
        let count = members.count - base
        guard count > 1 else { return }
        var isSorted = true
        for position in (base + 1)..<members.count where !precedes(members[position - 1], members[position]) {
            isSorted = false
            break
        }
        if isSorted { return }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: output[contentStart...])
        let shift = contentStart
        let order = members[base...].sorted { precedes($0, $1, in: scratch, shift: shift) }
        output.removeSubrange(contentStart...)
        for (position, member) in order.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            let start = output.count
            output.append(contentsOf: scratch[(member.whole.lowerBound - shift)..<(member.whole.upperBound - shift)])
            members[base + position] = Member(
                name: (start + 1)..<(start + 1 + member.name.count),
                whole: start..<output.count
            )
        }
    }

    private func precedes(_ left: Member, _ right: Member) -> Bool {
        output[left.name].lexicographicallyPrecedes(output[right.name])
    }

    private func precedes(_ left: Member, _ right: Member, in bytes: [UInt8], shift: Int) -> Bool {
        bytes[(left.name.lowerBound - shift)..<(left.name.upperBound - shift)]
            .lexicographicallyPrecedes(bytes[(right.name.lowerBound - shift)..<(right.name.upperBound - shift)])
    }

    private mutating func writeArray(depth: Int) throws(Malformed) {
        index += 1
        output.append(UInt8(ascii: "["))
        if !consume(UInt8(ascii: "]")) {
            repeat {
                try writeValue(depth: depth + 1)
                output.append(UInt8(ascii: ","))
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "]")) else { throw malformed("expected ',' or ']' in an array") }
            output.removeLast()
        }
        output.append(UInt8(ascii: "]"))
    }

    /// Copies a string, escapes and all, checking that escapes are valid and control characters escaped.
    private mutating func writeString() throws(Malformed) {
        let start = index
        index += 1
        while true {
            index = Self.plainRun(in: input, from: index)
            guard index < input.count else { throw malformed("a string is never closed") }
            let byte = input[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<index]))
                return
            case UInt8(ascii: "\\"):
                try skipEscape()
            case 0..<0x20:
                index -= 1
                throw malformed("a control character inside a string must be escaped")
            case 0x80...:
                sawNonASCII = true
            default:
                break
            }
        }
    }

    private mutating func skipEscape() throws(Malformed) {
        guard let escaped = current else { throw malformed("a string is never closed") }
        index += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            guard index + 4 <= input.count, input[index..<(index + 4)].allSatisfy(Self.isHexDigit) else {
                throw malformed("a \\u escape needs four hex digits")
            }
            index += 4
        default:
            throw malformed("invalid escape in a string")
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default: false
        }
    }

    private mutating func writeLiteral(_ word: StaticString) throws(Malformed) {
        let count = word.utf8CodeUnitCount
        guard index + count <= input.count,
            UnsafeBufferPointer(rebasing: input[index..<(index + count)]).elementsEqual(
                UnsafeBufferPointer(start: word.utf8Start, count: count)
            )
        else { throw malformed("invalid literal (expected \(word))") }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<(index + count)]))
        index += count
    }

    private mutating func writeNumber() throws(Malformed) {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, (0x30...0x39).contains(first) else { throw malformed("invalid number") }
        index += 1
        if first != 0x30 { skipDigits() }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, (0x30...0x39).contains(byte) else { throw malformed("invalid number") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, (0x30...0x39).contains(byte) else { throw malformed("invalid number") }
            skipDigits()
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<index]))
    }

    private mutating func skipDigits() {
        while index < input.count, (0x30...0x39).contains(input[index]) { index += 1 }
    }
}
