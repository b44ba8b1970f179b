import Foundation
import Hummingbird
import HummingbirdCore
import Synchronization

/// How the emulator keeps slow or idle clients from starving the others.
///
/// - A connection that sends nothing for `idleTimeout` seconds is closed: one that never finishes its request
///   head (a "slowloris"), one idle between requests, or one whose body stalls. Hummingbird's idle timer does the
///   closing (`HTTP1Channel.Configuration.idleTimeout`); it starts when the connection opens.
/// - Above `maximumConnections` open connections every request is answered 503 with `Retry-After`, a clear
///   refusal rather than a hang; above twice that the server stops accepting until some close (Hummingbird's
///   `AvailableConnectionsDelegate`), so file descriptors stay bounded too.
public struct ConnectionLimits: Sendable, Hashable {
    /// Seconds a connection may stay silent before it is closed (30).
    public var idleTimeout: TimeInterval = 30
    /// Open connections beyond which requests are refused with 503 (256).
    public var maximumConnections = 256

    public init(idleTimeout: TimeInterval = 30, maximumConnections: Int = 256) {
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
    }
}

/// The number of open connections, shared by the accepting side (which counts) and the responder (which reads).
final class ConnectionCounter: Sendable {
    private let count = Mutex(0)

    var current: Int { count.withLock { $0 } }

    func opened() { count.withLock { $0 += 1 } }
    func closed() { count.withLock { $0 -= 1 } }
}

/// Counts connections for the responder and stops accepting above a hard limit.
struct CountingConnectionsDelegate: AvailableConnectionsDelegate {
    let counter: ConnectionCounter
    let hardLimit: Int

    mutating func connectionOpened() { counter.opened() }
    mutating func connectionClosed() { counter.closed() }
    func isAcceptingNewConnections() -> Bool { counter.current < hardLimit }
}
