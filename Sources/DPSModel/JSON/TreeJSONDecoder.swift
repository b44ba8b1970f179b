import Foundation

/// Decodes a JSON document into a `Decodable` value as `JSONDecoder` does, in one parse where it can.
///
/// The document is parsed once into a ``JSONValue`` tree (``JSONParser/parseUnambiguous(_:)``) and the value's own
/// `init(from:)` reads that tree (``JSONValueDecoder``): an object's members are looked up in the dictionary built
/// by the parse, so collecting the members a model type does not know (`unknownFields`) costs no second pass over
/// the text. Every document the tree might read otherwise than `JSONDecoder` (see `parseUnambiguous`) and every
/// document that fails to decode goes to `JSONDecoder` instead, so the value, and for a bad document the error and
/// its message, are `JSONDecoder`'s. `TreeJSONDecoderProperties` checks that on generated bodies.
public enum TreeJSONDecoder {
    /// The value `JSONDecoder().decode(type, from: data)` returns, or the error it throws.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let value = decodeInOneParse(type, from: data) { return value }
        return try JSONDecoder().decode(type, from: data)
    }

    /// The value from one parse into a tree; nil when the document is left to `JSONDecoder` (it may read it
    /// otherwise, or it does not decode).
    static func decodeInOneParse<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        let tree = data.withUnsafeBytes { raw -> JSONValue? in
            try? JSONParser.parseUnambiguous(raw.assumingMemoryBound(to: UInt8.self))
        }
        guard let tree else { return nil }
        return try? JSONValueDecoder.decode(type, from: tree)
    }
}
