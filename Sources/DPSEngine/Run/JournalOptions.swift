/// How a journalled run was asked to run, as its journal records it for `dpsbulk status` (never a secret).
public struct JournalOptions: Codable, Sendable, Equatable {
    public var concurrency: Concurrency
    public var operationsPerMinute: Pace
    /// Import: `--strict`.
    public var strict: Bool?
    /// Migrate: `--groups`.
    public var groups: Bool?

    public init(concurrency: Concurrency, operationsPerMinute: Pace, strict: Bool? = nil, groups: Bool? = nil) {
        self.concurrency = concurrency
        self.operationsPerMinute = operationsPerMinute
        self.strict = strict
        self.groups = groups
    }
}
