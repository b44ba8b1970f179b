import DPSModel
import Foundation

/// The emulator's shared access policy: a name and a key, checked against each request's SAS token.
public struct SharedAccessPolicy: Sendable {
    /// The policy name (`SharedAccessKeyName`).
    public let name: String
    /// The key, base64.
    public let key: String

    public init(name: String, key: String) {
        self.name = name
        self.key = key
    }

    /// A policy with a new random 32-byte key.
    public static func random(name: String) -> SharedAccessPolicy {
        var generator = SystemRandomNumberGenerator()
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        return SharedAccessPolicy(name: name, key: key)
    }

    /// Checks an `Authorization` header: a SAS token for this policy, correctly signed, not expired.
    ///
    /// Fields in any order, the signature over the raw `sr`, `se` in seconds or milliseconds (NOTES.md).
    func authorize(_ header: String?, now: Date) throws(ServiceError) {
        guard let header, !header.isEmpty else {
            throw ServiceError.unauthorized("The Authorization header is missing: send a SharedAccessSignature.")
        }
        guard let token = SharedAccessSignature(headerValue: header) else {
            throw ServiceError.unauthorized("The Authorization header is not a SharedAccessSignature.")
        }
        if let keyName = token.keyName, keyName.lowercased() != name.lowercased() {
            throw ServiceError.unauthorized("The shared access policy '\(keyName)' does not exist.")
        }
        guard let expiry = token.expiry else {
            throw ServiceError.unauthorized("The SharedAccessSignature has no valid expiry (se).")
        }
        guard expiry > now else {
            throw ServiceError.unauthorized("The SharedAccessSignature expired at \(Timestamp(expiry)).")
        }
        guard token.isValid(key: key, now: now) else {
            throw ServiceError.unauthorized("The SharedAccessSignature signature is invalid.")
        }
    }
}
