import DPSModel
import Foundation

/// Appends JSON to a byte buffer: objects, strings escaped as RFC 8259 requires, and any `Encodable` value through
/// `JSONEncoder` for what is not written by hand. The building block of ``BulkBody``.
struct JSONBodyWriter {
    /// The JSON written so far.
    private(set) var bytes: [UInt8] = []
    /// Whether the object being written has no member yet (one flag per open object, innermost last).
    private var isFirstMember: [Bool] = []

    /// A writer with room for about `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends one byte (punctuation).
    mutating func appendByte(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Writes an object whose members `body` writes.
    mutating func object(_ body: (inout JSONBodyWriter) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "{"))
        isFirstMember.append(true)
        try body(&self)
        isFirstMember.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes the name of the next member of the current object (and the comma before it).
    mutating func name(_ name: String) {
        if isFirstMember[isFirstMember.count - 1] {
            isFirstMember[isFirstMember.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes a member whose value is a string.
    mutating func member(_ name: String, _ value: String) {
        self.name(name)
        string(value)
    }

    /// Writes a member whose value is a string, when there is one.
    mutating func member(_ name: String, _ value: String?) {
        if let value { member(name, value) }
    }

    /// Writes a member whose value is a Boolean.
    mutating func member(_ name: String, _ value: Bool) {
        self.name(name)
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// Writes a member whose value is an array of strings, when there is one.
    mutating func member(_ name: String, _ values: [String]?) {
        guard let values else { return }
        self.name(name)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a member whose value `JSONEncoder` encodes, when there is one.
    mutating func encoded(_ name: String, _ value: (some Encodable)?) throws {
        guard let value else { return }
        self.name(name)
        bytes.append(contentsOf: try JSONEncoder().encode(value))
    }

    /// Writes the members of `fields` (members the model does not know) into the current object.
    mutating func unknown(_ fields: JSONObject) throws {
        for (name, value) in fields { try encoded(name, value) }
    }

    /// Writes a string: `"`, `\` and control characters escaped, everything else as its UTF-8 bytes.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                appendEscape(of: byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(of byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22, 0x5C: bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }
}
