/// A strict RFC 8259 JSON parser that builds ``JSONValue``s directly.
///
/// Used for JSON inside manifest cells (an initial twin in every row of a million-row CSV): going through
/// `JSONDecoder` and `Codable` costs tens of microseconds per cell, this a fraction of one.
public enum JSONParser {
    /// Why a text is not JSON, with the byte offset of the problem.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        /// The 0-based UTF-8 byte offset.
        public let offset: Int
        /// What is wrong.
        public let reason: String
        public var description: String { "\(reason) at character \(offset + 1)" }
    }

    /// Parses one JSON value (surrounding whitespace allowed, nothing else).
    public static func parse(_ text: String) throws(Error) -> JSONValue {
        var text = text
        let result: Result<JSONValue, Error> = text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes)
            do throws(Error) {
                parser.skipWhitespace()
                let value = try parser.value(depth: 0)
                parser.skipWhitespace()
                guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses `bytes` as one JSON value for ``TreeJSONDecoder``, refusing, besides what ``parse(_:)`` refuses,
    /// everything `JSONDecoder` might read otherwise than the tree built here: bytes that are not UTF-8, a member
    /// name repeated in an object, a number with a fraction or an exponent whose value is whole or out of range
    /// (`1.0`, `1e2`: `JSONDecoder` reads them as integers too), an integer beyond `Int64`.
    static func parseUnambiguous(_ bytes: UnsafeBufferPointer<UInt8>) throws(Error) -> JSONValue {
        var parser = Parser(bytes: bytes, unambiguous: true)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Refuse what ``parseUnambiguous(_:)`` refuses.
        let unambiguous: Bool
        var index = 0
        static let maximumDepth = 512

        init(bytes: UnsafeBufferPointer<UInt8>, unambiguous: Bool = false) {
            self.bytes = bytes
            self.unambiguous = unambiguous
        }

        func error(_ reason: String) -> Error { Error(offset: index, reason: reason) }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        mutating func value(depth: Int) throws(Error) -> JSONValue {
            guard depth < Self.maximumDepth else { throw error("JSON nested too deeply") }
            guard let byte = current else { throw error("the JSON ends too early") }
            switch byte {
            case UInt8(ascii: "{"): return .object(try object(depth: depth))
            case UInt8(ascii: "["): return .array(try array(depth: depth))
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error("unexpected character '\(Character(Unicode.Scalar(byte)))'")
            }
        }

        mutating func literal(_ word: StaticString) throws(Error) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error("the JSON ends too early") }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
                throw error("invalid literal (expected \(word))")
            }
            index += count
        }

        mutating func object(depth: Int) throws(Error) -> JSONObject {
            index += 1
            var members: JSONObject = [:]
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                return members
            }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a member name in double quotes") }
                let key = try string()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
                index += 1
                skipWhitespace()
                let member = try value(depth: depth + 1)
                if members.updateValue(member, forKey: key) != nil, unambiguous {
                    throw error("the member name '\(key)' is repeated")
                }
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return members
                default: throw error("expected ',' or '}' in an object")
                }
            }
        }

        mutating func array(depth: Int) throws(Error) -> [JSONValue] {
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return elements
            }
            while true {
                skipWhitespace()
                elements.append(try value(depth: depth + 1))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return elements
                default: throw error("expected ',' or ']' in an array")
                }
            }
        }

        mutating func string() throws(Error) -> String {
            index += 1
            let start = index
            // Fast path: no escapes.
            var isASCII = true
            while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                guard byte >= 0x20 else { throw error("a control character inside a string must be escaped") }
                if byte >= 0x80 { isASCII = false }
                index += 1
            }
            guard let stop = current else { throw error("a string is never closed") }
            if stop == UInt8(ascii: "\"") {
                defer { index += 1 }
                let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if isASCII { return String(decoding: text, as: UTF8.self) }
                return try validated(text)
            }
            var scalars = Array(bytes[start..<index])
            while true {
                guard let byte = current else { throw error("a string is never closed") }
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return try validated(scalars)
                case UInt8(ascii: "\\"):
                    guard let escaped = current else { throw error("a string is never closed") }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"): scalars.append(contentsOf: try unicodeEscape())
                    default: throw error("invalid escape '\\\(Character(Unicode.Scalar(escaped)))'")
                    }
                default:
                    guard byte >= 0x20 else { throw error("a control character inside a string must be escaped") }
                    scalars.append(byte)
                }
            }
        }

        /// The UTF-8 text of a string; in unambiguous mode, nothing but valid UTF-8 (else it is repaired).
        func validated(_ text: some Collection<UInt8>) throws(Error) -> String {
            guard unambiguous else { return String(decoding: text, as: UTF8.self) }
            guard let string = String(validating: text, as: UTF8.self) else {
                throw error("a string is not valid UTF-8")
            }
            return string
        }

        mutating func hexQuad() throws(Error) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw error("a \\u escape needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        mutating func unicodeEscape() throws(Error) -> [UInt8] {
            var code = try hexQuad()
            if (0xD800...0xDBFF).contains(code) {
                guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else { throw error("an unpaired UTF-16 surrogate in a \\u escape") }
                index += 2
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("an unpaired UTF-16 surrogate in a \\u escape")
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw error("an unpaired UTF-16 surrogate in a \\u escape")
            }
            guard let scalar = Unicode.Scalar(code) else { throw error("an invalid \\u escape") }
            return Array(String(Character(scalar)).utf8)
        }

        mutating func number() throws(Error) -> JSONValue {
            let start = index
            var isInteger = true
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, (0x30...0x39).contains(first) else { throw error("invalid number") }
            if first == 0x30 {
                index += 1
            } else {
                while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
            }
            if current == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard let byte = current, (0x30...0x39).contains(byte) else { throw error("invalid number") }
                while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard let byte = current, (0x30...0x39).contains(byte) else { throw error("invalid number") }
                while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if isInteger, let integer = Int64(text) { return .integer(integer) }
            guard let double = Double(text) else { throw error("invalid number") }
            if unambiguous, isInteger || !double.isFinite || double.rounded(.towardZero) == double {
                throw error("a number JSONDecoder may read as an integer")
            }
            return .number(double)
        }
    }
}
