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

    /// The largest `se` accepted: 13 digits (milliseconds reach the year 2286; seconds stop at 10^11, year 5138).
    public static let maximumExpiryDigits = 13
    /// The longest header value parsed (4 KiB): a real token is under 300 bytes.
    public static let maximumHeaderBytes = 4096

    /// The expiry in whole seconds since 1970, reading a value above 10^11 as milliseconds; nil unless `se` is
    /// 1 to ``maximumExpiryDigits`` ASCII digits (no sign, fraction, exponent, `inf` or `nan`).
    public var expirySeconds: Int64? {
        let digits = expiryField.utf8
        guard (1...Self.maximumExpiryDigits).contains(digits.count), digits.allSatisfy({ (48...57).contains($0) }),
            let value = Int64(expiryField)
        else { return nil }
        return value > 100_000_000_000 ? value / 1000 : value
    }

    /// The expiry instant (see ``expirySeconds``).
    public var expiry: Date? {
        expirySeconds.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// Creates a token for `resource` signed with `key` (base64), valid until `expiry`.
    public static func make(
        resource: String,
        keyName: String,
        key: String,
        expiry: Date
    ) throws(ConnectionStringError) -> SharedAccessSignature {
        let encodedResource = percentEncode(resource.lowercased())
        let seconds = expiry.timeIntervalSince1970.rounded(.down)
        // Within what ``expirySeconds`` reads back as seconds; NaN becomes 0 (an expired token, not a trap).
        let expiryField = String(Int64(seconds.isNaN ? 0 : min(max(seconds, 0), 99_999_999_999)))
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

    /// Parses an `Authorization` header value; nil when it is not a well-formed shared access signature.
    public init?(headerValue: String) {
        guard let token = try? Self.parse(headerValue: headerValue) else { return nil }
        self = token
    }

    /// Parses an `Authorization` header value, saying what is wrong with it.
    ///
    /// Fields come in any order; each of `sr`, `sig`, `se`, `skn` at most once (a repeated field is refused rather
    /// than letting the last one win); `se` must be digits (``expirySeconds``). Unknown fields are ignored.
    public static func parse(headerValue: String) throws(SharedAccessSignatureError) -> SharedAccessSignature {
        let prefix = "SharedAccessSignature "
        guard headerValue.hasPrefix(prefix) else {
            throw SharedAccessSignatureError(.notSharedAccessSignature, "the value is not a SharedAccessSignature")
        }
        guard headerValue.utf8.count <= maximumHeaderBytes else {
            throw SharedAccessSignatureError(
                .malformed,
                "the SharedAccessSignature is longer than \(maximumHeaderBytes) bytes"
            )
        }
        var fields: [String: String] = [:]
        for pair in headerValue.dropFirst(prefix.count).split(separator: "&") {
            guard let equals = pair.firstIndex(of: "=") else {
                throw SharedAccessSignatureError(.malformed, "a SharedAccessSignature field is not name=value")
            }
            let name = pair[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard fields[name] == nil else {
                let shown = ["sr", "sig", "se", "skn"].contains(name) ? name : "a field"
                throw SharedAccessSignatureError(
                    .repeatedField,
                    "the SharedAccessSignature repeats \(shown); send each field once"
                )
            }
            fields[name] = String(pair[pair.index(after: equals)...])
        }
        for name in ["sr", "sig", "se"] where fields[name]?.isEmpty ?? true {
            throw SharedAccessSignatureError(.missingField, "the SharedAccessSignature has no \(name) field")
        }
        let token = SharedAccessSignature(
            encodedResource: fields["sr"]!,
            signature: fields["sig"]!.removingPercentEncoding ?? fields["sig"]!,
            expiryField: fields["se"]!,
            keyName: fields["skn"].map { $0.removingPercentEncoding ?? $0 }
        )
        guard token.expirySeconds != nil else {
            throw SharedAccessSignatureError(
                .badExpiry,
                "the SharedAccessSignature expiry (se) must be 1 to \(maximumExpiryDigits) digits of Unix time"
            )
        }
        return token
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
