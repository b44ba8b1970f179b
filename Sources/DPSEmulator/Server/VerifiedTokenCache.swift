import Foundation
import Synchronization

/// `Authorization` header values whose SAS token was verified, so that a client sending the same token with every
/// request (the SDKs and dpsbulk reuse a token until it nears expiry) costs one parse and one HMAC per token, not
/// one per request.
///
/// An entry holds until the token's own expiry and only for the policy (name and key) it was verified with: a
/// changed key or policy name misses and is verified afresh. Lookups are by the exact header value, so a forged
/// token never matches an entry; the signature check itself (``SharedAccessPolicy/authorize(_:now:cache:)``) keeps
/// its constant-time comparison. At most ``capacity`` entries: when full, expired entries go first, then all.
final class VerifiedTokenCache: Sendable {
    private struct Entry {
        let expiry: Date
        let policyName: String
        let policyKey: String
    }

    /// The most headers kept.
    let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    /// How many headers are kept.
    var count: Int { entries.withLock { $0.count } }

    /// Whether `header` was verified for `policy` and its token has not expired at `now`.
    func contains(_ header: String, verifiedFor policy: SharedAccessPolicy, at now: Date) -> Bool {
        entries.withLock { entries in
            guard let entry = entries[header] else { return false }
            return now < entry.expiry && entry.policyName == policy.name && entry.policyKey == policy.key
        }
    }

    /// Remembers that `header` was verified for `policy`, until `expiry`.
    func insert(_ header: String, verifiedFor policy: SharedAccessPolicy, until expiry: Date, now: Date) {
        entries.withLock { entries in
            if entries[header] == nil, entries.count >= capacity {
                entries = entries.filter { now < $0.value.expiry }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[header] = Entry(expiry: expiry, policyName: policy.name, policyKey: policy.key)
        }
    }
}
