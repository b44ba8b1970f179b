import DPSClient

/// The instance the watcher imports into, as for `import`.
public struct WatchTarget: Sendable {
    /// The service and its credentials.
    public var service: ServiceTarget
    /// Extra CA certificates (PEM) to trust.
    public var caCertificatePath: String?
    /// The name journals record for the target when not its host and port (the embedded emulator).
    public var journalTargetName: String?
    /// The dpsbulk version recorded in the journals.
    public var version: String

    public init(service: ServiceTarget, caCertificatePath: String?, journalTargetName: String?, version: String) {
        self.service = service
        self.caCertificatePath = caCertificatePath
        self.journalTargetName = journalTargetName
        self.version = version
    }
}
