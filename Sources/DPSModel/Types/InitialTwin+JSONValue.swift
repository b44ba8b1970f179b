/// Builds twin types straight from parsed JSON, without a `Decoder` (see ``JSONParser``).
extension InitialTwin {
    /// The initial twin a JSON object describes; throws a message naming the member with the wrong type.
    public init(json object: JSONObject) throws(JSONShapeError) {
        var rest = object
        self.init()
        if let tags = rest.removeValue(forKey: "tags"), tags != .null {
            self.tags = try TwinCollection(json: tags, path: "tags")
        }
        if let properties = rest.removeValue(forKey: "properties"), properties != .null {
            guard case .object(var members) = properties else {
                throw JSONShapeError(path: "properties", expected: "a JSON object", found: properties)
            }
            var twinProperties = InitialTwinProperties()
            if let desired = members.removeValue(forKey: "desired"), desired != .null {
                twinProperties.desired = try TwinCollection(json: desired, path: "properties.desired")
            }
            twinProperties.unknownFields = members
            self.properties = twinProperties
        }
        unknownFields = rest
    }
}

extension TwinCollection {
    /// The collection a JSON object describes.
    public init(json value: JSONValue, path: String) throws(JSONShapeError) {
        guard case .object(var members) = value else {
            throw JSONShapeError(path: path, expected: "a JSON object", found: value)
        }
        func integer(_ name: String) throws(JSONShapeError) -> Int? {
            switch members.removeValue(forKey: name) {
            case nil, .null?: return nil
            case .integer(let number)?: return Int(number)
            case let other?: throw JSONShapeError(path: "\(path).\(name)", expected: "an integer", found: other)
            }
        }
        let version = try integer("version")
        let count = try integer("count")
        var metadata: TwinMetadata?
        if let value = members.removeValue(forKey: "metadata"), value != .null {
            guard case .object(var fields) = value else {
                throw JSONShapeError(path: "\(path).metadata", expected: "a JSON object", found: value)
            }
            var parsed = TwinMetadata()
            if let updated = fields.removeValue(forKey: "lastUpdated"), updated != .null {
                guard case .string(let text) = updated, let timestamp = Timestamp(text) else {
                    throw JSONShapeError(
                        path: "\(path).metadata.lastUpdated",
                        expected: "an ISO 8601 time",
                        found: updated
                    )
                }
                parsed.lastUpdated = timestamp
            }
            if let updatedVersion = fields.removeValue(forKey: "lastUpdatedVersion"), updatedVersion != .null {
                guard case .integer(let number) = updatedVersion else {
                    throw JSONShapeError(
                        path: "\(path).metadata.lastUpdatedVersion",
                        expected: "an integer",
                        found: updatedVersion
                    )
                }
                parsed.lastUpdatedVersion = Int(number)
            }
            parsed.unknownFields = fields
            metadata = parsed
        }
        self.init(properties: members, version: version, count: count, metadata: metadata)
    }
}

/// A JSON value of the wrong type for a member of the model.
public struct JSONShapeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The member path, e.g. `properties.desired`.
    public let path: String
    /// What the model expects there.
    public let expected: String
    /// The JSON type found instead.
    public let found: String

    init(path: String, expected: String, found: JSONValue) {
        self.path = path
        self.expected = expected
        self.found = found.typeName
    }

    public var description: String { "\(path): expected \(expected), found a \(found)" }
}
