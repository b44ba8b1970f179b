/// Support for keeping JSON members that this model does not know.
///
/// A newer service version may add fields; an export from it must import again without losing them, so every
/// object type collects its unknown members on decode and writes them back on encode.
extension Decoder {
    /// The members of the current JSON object whose names are not among `known`.
    func unknownFields<Keys: CodingKey & CaseIterable>(excluding known: Keys.Type) throws -> JSONObject {
        if let tree = self as? JSONValueDecoder { return try tree.members(excluding: known) }
        let container = try self.container(keyedBy: AnyCodingKey.self)
        var fields: JSONObject = [:]
        for key in container.allKeys where Keys(stringValue: key.stringValue) == nil {
            fields[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        return fields
    }
}

extension Encoder {
    /// Writes members the model does not know back into the current JSON object.
    func encodeUnknownFields(_ fields: JSONObject) throws {
        guard !fields.isEmpty else { return }
        var container = self.container(keyedBy: AnyCodingKey.self)
        for (name, value) in fields {
            try container.encode(value, forKey: AnyCodingKey(name))
        }
    }
}
