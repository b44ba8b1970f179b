/// Where a job of `dpsbulk watch` is: claimed and queued, validating its manifest, importing it, or filed in done/
/// or rejected/.
///
///     queued ──▶ validating ──▶ importing ──▶ done
///       │  ▲         │  │           │  │
///       │  └─────────┘  │           │  └────▶ rejected
///       │  └────────────┼───────────┘   (a service failure or a shutdown: back to queued, resumed later)
///       └───────────────┴───────────────────▶ rejected
///
/// A job found in the state directory at start resumes from ``onRestart``: an unfinished one is queued again (its
/// journal resumes the import where it stopped), a filed one finishes its filing.
public enum WatchJobState: String, Codable, Sendable, CaseIterable {
    case queued, validating, importing, done, rejected

    /// Whether the job is filed in done/ or rejected/ (nothing more happens to it).
    public var isFinal: Bool { self == .done || self == .rejected }

    /// Whether the machine allows the move from this state to `next`.
    public func canMove(to next: WatchJobState) -> Bool {
        switch (self, next) {
        case (.queued, .validating), (.queued, .rejected): true
        case (.validating, .importing), (.validating, .rejected), (.validating, .queued): true
        case (.importing, .done), (.importing, .rejected), (.importing, .queued): true
        default: false
        }
    }

    /// The state a job found in the state directory at start continues from.
    public var onRestart: WatchJobState { isFinal ? self : .queued }
}
