/// How `dpsbulk watch` runs: the folders, the ready convention, how many manifests import at once, how often the
/// inbox is looked at, and the import's own options (mode, concurrency, pace, strict, reading).
public struct WatchConfiguration: Sendable {
    /// The inbox and the state directory.
    public var layout: InboxLayout
    /// How a complete manifest is told apart.
    public var convention = ReadyConvention.rename
    /// Manifests imported at once (each with the import's own concurrency).
    public var maximumJobs = 2
    /// Time between two looks at the inbox.
    public var pollInterval = Duration.seconds(2)
    /// Take what is ready, finish every job that can finish, and return (instead of watching until stopped).
    public var exitWhenIdle = false
    /// The options of each import.
    public var importConfiguration = ImportConfiguration()
    /// The wait before a job that met a failure of the service is tried again: full jitter over a window that
    /// doubles from 5 s up to 5 minutes, without end (the service is the one to recover).
    public var serviceRetry = WatchConfiguration.defaultServiceRetry

    /// 5 s doubling to 300 s, full jitter, no last attempt.
    public static let defaultServiceRetry =
        (try? RetryPolicy(maximumAttempts: Int.max, baseDelay: 5, maximumDelay: 300)) ?? RetryPolicy.standard

    public init(layout: InboxLayout) {
        self.layout = layout
    }

    /// Checks the numbers.
    ///
    /// - Throws: ``WatchError/Code/invalidOption`` naming the option out of range.
    public func validate() throws {
        guard (1...64).contains(maximumJobs) else {
            throw WatchError(.invalidOption, "--max-jobs must be 1 to 64, not \(maximumJobs)")
        }
        guard pollInterval >= .milliseconds(100), pollInterval <= .seconds(3600) else {
            throw WatchError(.invalidOption, "--poll-interval must be 0.1 to 3600 seconds")
        }
    }
}
