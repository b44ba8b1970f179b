/// The unkeyed container of ``JSONValueDecoder``: the elements of a parsed array, in order.
struct JSONValueUnkeyedContainer: UnkeyedDecodingContainer {
    /// The array's elements, as parsed.
    let elements: [JSONValue]
    private(set) var currentIndex = 0

    init(elements: [JSONValue]) { self.elements = elements }

    var codingPath: [any CodingKey] { [] }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    /// The next element, consumed once it decodes.
    private mutating func next<T>(_ read: (JSONValue) throws -> T) throws -> T {
        guard !isAtEnd else { throw JSONValueDecoder.Mismatch() }
        let value = try read(elements[currentIndex])
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw JSONValueDecoder.Mismatch() }
        guard case .null = elements[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else { throw JSONValueDecoder.Mismatch() }
        let value = try JSONValueDecoder.decode(type, from: elements[currentIndex])
        currentIndex += 1
        return value
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try JSONValueDecoder.decode(type, from: $0) } }
    mutating func decode(_ type: String.Type) throws -> String {
        try next { try JSONValueDecoder.decode(type, from: $0) }
    }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try JSONValueDecoder.double(from: $0) } }
    mutating func decode(_ type: Float.Type) throws -> Float { throw JSONValueDecoder.Mismatch() }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { try JSONValueDecoder.integer(type, from: $0) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { try JSONValueDecoder.integer(type, from: $0) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 {
        try next { try JSONValueDecoder.integer(type, from: $0) }
    }
    mutating func decode(_ type: Int32.Type) throws -> Int32 {
        try next { try JSONValueDecoder.integer(type, from: $0) }
    }
    mutating func decode(_ type: Int64.Type) throws -> Int64 {
        try next { try JSONValueDecoder.integer(type, from: $0) }
    }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { try JSONValueDecoder.integer(type, from: $0) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 {
        try next { try JSONValueDecoder.integer(type, from: $0) }
    }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 {
        try next { try JSONValueDecoder.integer(type, from: $0) }
    }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 {
        try next { try JSONValueDecoder.integer(type, from: $0) }
    }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 {
        try next { try JSONValueDecoder.integer(type, from: $0) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next { try JSONValueDecoder(value: $0).container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { try JSONValueDecoder(value: $0).unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder { try next { JSONValueDecoder(value: $0) } }
}
