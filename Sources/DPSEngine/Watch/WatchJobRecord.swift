import Foundation

/// What the state directory keeps of one job (`jobs/NAME/job.json`): enough for a restart to carry on.
public struct WatchJobRecord: Codable, Sendable, Equatable {
    /// The manifest's name as it was dropped.
    public var name: String
    /// Where the job is.
    public var state: WatchJobState
    /// When it was claimed.
    public var claimedAt: Date
    /// The SHA-256 of the manifest, once read.
    public var sha256: String?
    /// Failures of the service (or the machine) so far, for the backoff.
    public var serviceFailures = 0
    /// Why it was rejected, in a sentence.
    public var reason: String?
    /// The name it is filed under in done/ or rejected/ (the dropped name, or one with `-2`, `-3`... when taken).
    public var filedAs: String?

    public init(name: String, claimedAt: Date = Date()) {
        self.name = name
        self.state = .queued
        self.claimedAt = claimedAt
    }

    /// Moves the job to `next`.
    ///
    /// - Throws: ``WatchError/Code/invalidTransition`` when the state machine does not allow it.
    public mutating func move(to next: WatchJobState) throws(WatchError) {
        guard state.canMove(to: next) else {
            throw WatchError(.invalidTransition, "job \(name): no move from \(state.rawValue) to \(next.rawValue)")
        }
        state = next
    }
}
