import Foundation

/// A `Decoder` reading a parsed ``JSONValue`` tree: objects are the tree's dictionaries, so a keyed container is
/// a lookup table already built, and a second container over the same object (``Decoder/unknownFields(excluding:)``)
/// costs nothing to make.
///
/// Only ``TreeJSONDecoder`` uses it, and only for trees from ``JSONParser/parseUnambiguous(_:)``. It reads what
/// `JSONDecoder` reads from the same text and fails where it fails, but not with the same errors: they carry no
/// coding path (``Mismatch``), because a failure is decoded again by `JSONDecoder`, whose error is the one shown.
struct JSONValueDecoder: Decoder {
    /// The value being decoded.
    let value: JSONValue

    /// Always empty: errors from this decoder are never shown (see the type's summary).
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The value does not have the JSON type the model asks for (or a member is missing).
    struct Mismatch: Error {}

    /// Decodes `type` from `value`: strings, booleans, whole numbers and free JSON straight from the tree, any
    /// other type through its `init(from:)` (but for the Foundation types `JSONDecoder` reads its own way).
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        // `unsafeBitCast` where `T` is the very type (a checked `as!` costs a dynamic cast per value).
        if T.self == String.self {
            guard case .string(let string) = value else { throw Mismatch() }
            return unsafeBitCast(string, to: T.self)
        }
        if T.self == JSONValue.self { return unsafeBitCast(value, to: T.self) }
        if T.self == Bool.self {
            guard case .bool(let bool) = value else { throw Mismatch() }
            return unsafeBitCast(bool, to: T.self)
        }
        if T.self == Int.self { return unsafeBitCast(try integer(Int.self, from: value), to: T.self) }
        // JSONDecoder reads these its own way, not through their init(from:): left to it.
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            throw Mismatch()
        }
        return try T(from: JSONValueDecoder(value: value))
    }

    /// A whole number that `type` holds exactly (the parse left only whole numbers written as integers).
    static func integer<T: FixedWidthInteger>(_ type: T.Type, from value: JSONValue) throws -> T {
        guard case .integer(let integer) = value, let exact = T(exactly: integer) else { throw Mismatch() }
        return exact
    }

    /// A number as a `Double`; a `Float` is left to `JSONDecoder` (rounding the text once, not twice).
    static func double(from value: JSONValue) throws -> Double {
        switch value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        default: throw Mismatch()
        }
    }

    /// The members of the object whose names are not among `known` (``Decoder/unknownFields(excluding:)``), taken
    /// from the parsed object as they are: no keyed container, no decoding.
    func members<Keys: CodingKey>(excluding known: Keys.Type) throws -> JSONObject {
        guard case .object(let object) = value else { throw Mismatch() }
        var fields: JSONObject = [:]
        for (name, member) in object where Keys(stringValue: name) == nil { fields[name] = member }
        return fields
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw Mismatch() }
        return KeyedDecodingContainer(JSONValueKeyedContainer<Key>(object: object))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw Mismatch() }
        return JSONValueUnkeyedContainer(elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONValueSingleValueContainer(value: value)
    }
}
