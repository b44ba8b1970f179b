import DPSAge

/// How an export runs.
public struct ExportConfiguration: Sendable {
    /// The file format.
    public enum Format: String, Sendable, CaseIterable {
        /// JSON lines in the wire format: what `import` reads back unchanged.
        case jsonLines = "jsonl"
        /// The CSV manifest columns.
        case csv
    }

    public var format = Format.jsonLines
    /// Export enrollment groups too (written before the enrollments, as import needs them).
    public var includeGroups = false
    /// Fetch each symmetric-key and X.509 item's attestation mechanism (one extra operation each) so that the
    /// file holds the keys and certificates a restore needs.
    public var includeKeys = false
    /// Where to write the registration states of every enrollment group (JSON lines, each state with an added
    /// `enrollmentGroupId` member), or nil. The service queries registration states per group only; the state of
    /// an individual enrollment is part of the enrollment itself.
    public var registrationsPath: String?
    /// Encrypt the file to these age recipients (none: plain). An encrypted export is never resumed: a killed one
    /// restarts from the beginning (see ``ExportWriter``).
    public var recipients: [AgeRecipient] = []
    /// A previous backup (with its SHA-256 sidecar) whose keys and certificates are reused, with `includeKeys`, for
    /// items whose etag has not changed since.
    public var keysFrom: String?
    /// The identities that decrypt `keysFrom` when it is age-encrypted (and verify the new backup for retention).
    public var identities: [AgeIdentity] = []
    /// Older backups of the same series to remove once this one is complete and verified; nil keeps them all.
    public var retention: BackupRetention?
    /// Items per query page.
    public var pageSize = 1000
    /// Attestation mechanisms fetched at once with `includeKeys`.
    public var concurrency = Concurrency.default
    /// How fast requests are sent.
    public var pace = Pace.auto
    /// What is known of the instance's quota: with `pace` `auto`, a known quota is used as is (``PacePlan``).
    public var knownQuota = KnownQuota.unknown
    /// Where to share the instance's quota with the other dpsbulk processes of the host; nil paces alone.
    public var sharedQuota: SharedQuotaDirectory?
    /// The retry policy for each request.
    public var retryPolicy = RetryPolicy.standard
    /// When the pages written are made durable and the checkpoint saved.
    public var checkpoints = CheckpointSchedule()

    public init() {}
}

/// What an export wrote.
public struct ExportSummary: Sendable, Codable, Equatable {
    public var file = ""
    public var enrollments = 0
    public var groups = 0
    /// Registration states written to the registrations file.
    public var registrations = 0
    /// Items by attestation type (`tpm`, `x509`, `symmetricKey`).
    public var byAttestation: [String: Int] = [:]
    public var bytes = 0
    public var sha256 = ""
    /// Whether the file holds symmetric keys (it is then readable by its owner only).
    public var containsSecrets = false
    public var requests = 0
    public var throttled = 0
    public var retries = 0
    public var elapsedSeconds = 0.0
    /// Whether this run continued an interrupted one.
    public var resumed = false
    /// Whether the file is age-encrypted.
    public var encrypted = false
    /// With `keysFrom`: keys and certificates taken from the previous backup (no attestation call).
    public var keysReused = 0
    /// Attestation-mechanism calls made for keys and certificates.
    public var keysFetched = 0
    /// The previous backup keys were taken from, when one was used.
    public var keysFrom: String?
    /// Older backups removed by the retention policy.
    public var removedBackups: [String] = []

    public init() {}
}
