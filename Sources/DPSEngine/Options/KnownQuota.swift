/// What a run knows of its instance's quota before sending anything.
///
/// A real DPS instance's quota depends on its units and is only found from its 429s (``unknown``); the embedded
/// emulator (`--emulator`) is started by dpsbulk itself, so its quota is known: none by default.
public enum KnownQuota: Sendable, Hashable {
    /// Found from the service's 429s.
    case unknown
    /// The instance throttles nothing.
    case unlimited
    /// The instance allows this many operations a minute (positive).
    case perMinute(Int)

    /// The quota an emulator started with `operationsPerMinute` has (0 is unlimited, as the emulator reads it).
    public init(emulatorOperationsPerMinute operationsPerMinute: Int) {
        self = operationsPerMinute > 0 ? .perMinute(operationsPerMinute) : .unlimited
    }
}
