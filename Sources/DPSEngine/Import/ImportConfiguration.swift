import DPSJournal
import DPSManifest
import Foundation

/// How an import runs.
public struct ImportConfiguration: Sendable {
    /// What to do with each record.
    public var mode: RunMode = .create
    /// Requests in flight at once.
    public var concurrency = Concurrency.default
    /// How fast requests are sent.
    public var pace = Pace.auto
    /// What is known of the instance's quota: with `pace` `auto`, a known quota is used as is (``PacePlan``).
    public var knownQuota = KnownQuota.unknown
    /// Where to share the instance's quota with the other dpsbulk processes of the host; nil paces alone.
    public var sharedQuota: SharedQuotaDirectory?
    /// Refuse to send anything when some record is invalid.
    public var strict = false
    /// Resume even if the manifest changed since the journal was started.
    public var force = false
    /// How the manifest is read.
    public var readOptions = ManifestReadOptions()
    /// The retry policy for each request.
    public var retryPolicy = RetryPolicy.standard
    /// The time certificates are checked against.
    public var validationTime = Date()
    /// Items per bulk call (at most 10).
    public var batchSize = BatchPlan.bulkLimit

    public init() {}
}
