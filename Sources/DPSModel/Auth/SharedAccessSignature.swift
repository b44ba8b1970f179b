import Crypto
import Foundation

/// A `SharedAccessSignature sr=...&sig=...&se=...&skn=...` token, as DPS expects in `Authorization`.
///
/// The string to sign is `sr` exactly as it appears in the token (URL-encoded) + `"\n"` + `se`, signed with
/// HMAC-SHA256 under the base64-decoded key. Parsing accepts the fields in any order and `se` in seconds or
/// milliseconds (the Node SDK sends milliseconds), as the service does.
public struct SharedAccessSignature: Sendable, Hashable {
    /// The resource URI as it appears in the token (URL-encoded), e.g. `contoso.azure-devices-provisioning.net`.
    public var encodedResource: String
    /// The signature, URL-decoded (plain base64).
    public var signature: String
    /// The expiry as sent: seconds (or milliseconds) since 1970.
    public var expiryField: String
    /// The shared access policy name.
    public var keyName: String?

    /// The expiry instant, reading a value above 10^11 as milliseconds.
    public var expiry: Date? {
        guard let value = Double(expiryField) else { return nil }
        return Date(timeIntervalSince1970: value > 1e11 ? value / 1000 : value)
    }

    /// Creates a token for `resource` signed with `key` (base64), valid until `expiry`.
    public static func make(
        resource: String,
        keyName: String,
        key: String,
        expiry: Date
    ) throws(ConnectionStringError) -> SharedAccessSignature {
        let encodedResource = percentEncode(resource.lowercased())
        let expiryField = String(Int(expiry.timeIntervalSince1970.rounded(.down)))
        guard let signature = sign(encodedResource: encodedResource, expiryField: expiryField, key: key) else {
            throw ConnectionStringError(.badKey, "the SharedAccessKey is not valid base64")
        }
        return SharedAccessSignature(
            encodedResource: encodedResource,
            signature: signature,
            expiryField: expiryField,
            keyName: keyName
        )
    }

    /// Creates a token for the connection string's host.
    public static func make(
        for connectionString: ConnectionString,
        expiry: Date
    ) throws(ConnectionStringError) -> SharedAccessSignature {
        try make(
            resource: connectionString.host,
            keyName: connectionString.keyName,
            key: connectionString.key,
            expiry: expiry
        )
    }

    /// The `Authorization` header value.
    public var headerValue: String {
        var text = "SharedAccessSignature sr=\(encodedResource)&sig=\(Self.percentEncode(signature))&se=\(expiryField)"
        if let keyName { text += "&skn=\(Self.percentEncode(keyName))" }
        return text
    }

    /// Parses an `Authorization` header value; nil when it is not a shared access signature.
    public init?(headerValue: String) {
        let prefix = "SharedAccessSignature "
        guard headerValue.hasPrefix(prefix) else { return nil }
        var fields: [String: String] = [:]
        for pair in headerValue.dropFirst(prefix.count).split(separator: "&") {
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            fields[pair[..<equals].trimmingCharacters(in: .whitespaces).lowercased()] = String(
                pair[pair.index(after: equals)...]
            )
        }
        guard let resource = fields["sr"], let signature = fields["sig"], let expiry = fields["se"] else {
            return nil
        }
        self.encodedResource = resource
        self.signature = signature.removingPercentEncoding ?? signature
        self.expiryField = expiry
        self.keyName = fields["skn"].map { $0.removingPercentEncoding ?? $0 }
    }

    /// Creates a token from its fields.
    public init(encodedResource: String, signature: String, expiryField: String, keyName: String?) {
        self.encodedResource = encodedResource
        self.signature = signature
        self.expiryField = expiryField
        self.keyName = keyName
    }

    /// Whether the signature is right for `key` (base64) and the token has not expired at `now`.
    public func isValid(key: String, now: Date = Date()) -> Bool {
        guard let expiry, expiry > now,
            let expected = Self.sign(encodedResource: encodedResource, expiryField: expiryField, key: key)
        else { return false }
        return Self.constantTimeEquals(Array(expected.utf8), Array(signature.utf8))
    }

    /// HMAC-SHA256 of `encodedResource + "\n" + expiryField` under the decoded key, as base64.
    public static func sign(encodedResource: String, expiryField: String, key: String) -> String? {
        guard let keyBytes = Data(base64Encoded: key) else { return nil }
        let message = Data("\(encodedResource)\n\(expiryField)".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: keyBytes))
        return Data(mac).base64EncodedString()
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (as the official SDKs do).
    public static func percentEncode(_ text: String) -> String {
        let allowed = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
        )
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
