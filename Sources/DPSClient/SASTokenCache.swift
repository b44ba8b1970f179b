import DPSModel
import Foundation
import Synchronization

/// Makes SAS tokens for a connection string and reuses each until shortly before it expires.
final class SASTokenCache: Sendable {
    private let connectionString: ConnectionString
    private let lifetime: TimeInterval
    private let renewBefore: TimeInterval
    private let current = Mutex<(header: String, expiry: Date)?>(nil)

    /// Tokens live `lifetime` seconds and are replaced `renewBefore` seconds before they expire.
    init(connectionString: ConnectionString, lifetime: TimeInterval = 3600, renewBefore: TimeInterval = 300) {
        self.connectionString = connectionString
        self.lifetime = lifetime
        self.renewBefore = renewBefore
    }

    /// The `Authorization` header value to use now.
    func header(now: Date = Date()) throws(ConnectionStringError) -> String {
        if let cached = current.withLock({ $0 }), cached.expiry.timeIntervalSince(now) > renewBefore {
            return cached.header
        }
        let expiry = now.addingTimeInterval(lifetime)
        let header = try SharedAccessSignature.make(for: connectionString, expiry: expiry).headerValue
        current.withLock { $0 = (header, expiry) }
        return header
    }
}
