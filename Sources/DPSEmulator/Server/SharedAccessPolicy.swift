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

    /// The shortest key accepted, in bytes after base64 decoding: the service's own keys are 32 or 64 bytes, and a
    /// shorter key (an empty one above all) lets anyone sign tokens.
    public static let minimumKeyBytes = 16

    /// Why `key` cannot be a policy key (not base64, or shorter than ``minimumKeyBytes``); nil when it can.
    public static func problem(withKey key: String) -> String? {
        guard let bytes = Data(base64Encoded: key) else { return "the shared access key is not base64" }
        guard bytes.count >= minimumKeyBytes else {
            return "the shared access key is \(bytes.count) bytes; it must be at least \(minimumKeyBytes) bytes "
                + "(base64 of 16 or more random bytes, e.g. `openssl rand -base64 32`)"
        }
        return nil
    }

    /// A policy with a new random 32-byte key.
    public static func random(name: String) -> SharedAccessPolicy {
        var generator = SystemRandomNumberGenerator()
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        return SharedAccessPolicy(name: name, key: key)
    }

    /// The longest lifetime a token may have left (one year): `se` further ahead is refused, so that a token cannot
    /// be made to last for ever.
    static let maximumTokenLifetime: TimeInterval = 366 * 86_400

    /// Checks an `Authorization` header: a SAS token for this policy, correctly signed, not expired.
    ///
    /// Fields in any order but each once, the signature over the raw `sr`, `se` as digits in seconds or
    /// milliseconds (NOTES.md) and at most ``maximumTokenLifetime`` ahead, `skn` required and naming this policy.
    /// A header found in `cache` for this policy and not yet expired passes without a new check; one that passes
    /// the check is added to it.
    func authorize(_ header: String?, now: Date, cache: VerifiedTokenCache? = nil) throws(ServiceError) {
        if let header, let cache, cache.contains(header, verifiedFor: self, at: now) { return }
        guard let header, !header.isEmpty else {
            throw ServiceError.unauthorized("The Authorization header is missing: send a SharedAccessSignature.")
        }
        let token: SharedAccessSignature
        do {
            token = try SharedAccessSignature.parse(headerValue: header)
        } catch {
            throw ServiceError.unauthorized(
                "The Authorization header is not a valid SharedAccessSignature: "
                    + "\(error.message)."
            )
        }
        guard let keyName = token.keyName, !keyName.isEmpty else {
            throw ServiceError.unauthorized("The SharedAccessSignature has no skn: name the shared access policy.")
        }
        guard keyName.lowercased() == name.lowercased() else {
            throw ServiceError.unauthorized("The shared access policy named in skn does not exist.")
        }
        guard let expiry = token.expiry else {
            throw ServiceError.unauthorized("The SharedAccessSignature has no valid expiry (se).")
        }
        guard expiry > now else {
            throw ServiceError.unauthorized("The SharedAccessSignature expired at \(Timestamp(expiry)).")
        }
        guard expiry.timeIntervalSince(now) <= Self.maximumTokenLifetime else {
            throw ServiceError.unauthorized(
                "The SharedAccessSignature expiry (se) is more than 366 days ahead; make a shorter-lived token."
            )
        }
        guard token.isValid(key: key, now: now) else {
            throw ServiceError.unauthorized("The SharedAccessSignature signature is invalid.")
        }
        cache?.insert(header, verifiedFor: self, until: expiry, now: now)
    }
}
