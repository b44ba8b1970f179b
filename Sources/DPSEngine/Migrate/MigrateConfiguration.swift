import DPSJournal

/// How a migration runs.
public struct MigrateConfiguration: Sendable {
    /// What to do on the target with each source item: create (an existing target item is a conflict), update,
    /// upsert, or delete (undoes a migration).
    public var mode: RunMode = .create
    /// Migrate enrollment groups too (all of them before any individual enrollment).
    public var includeGroups = false
    /// Bulk requests in flight at once on the target (and attestation reads at once on the source).
    public var concurrency = Concurrency.default
    /// How fast requests are sent to the target.
    public var pace = Pace.auto
    /// How fast the source is read (its own quota).
    public var sourcePace = Pace.auto
    /// Where to share each instance's quota with the other dpsbulk processes of the host; nil paces alone.
    public var sharedQuota: SharedQuotaDirectory?
    /// Items per source query page.
    public var pageSize = 1000
    /// IoT hub host names to replace on the way.
    public var hubMap = HubMap()
    /// The retry policy for each request, on both instances.
    public var retryPolicy = RetryPolicy.standard
    /// Items per bulk call (at most 10).
    public var batchSize = BatchPlan.bulkLimit

    public init() {}
}
