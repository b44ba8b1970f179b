import Foundation
import Logging

/// How to run an emulator.
public struct EmulatorConfiguration: Sendable {
    /// Address to bind; loopback by default.
    public var host = "127.0.0.1"
    /// TCP port; 0 picks a free one.
    public var port = 0
    /// PEM certificate chain and private key for HTTPS; nil for plain HTTP.
    public var tls: TLSFiles?
    /// The shared access policy clients must sign with.
    public var policy: SharedAccessPolicy
    /// Where to keep the registry in SQLite; nil keeps it in memory.
    public var dataDirectory: URL?
    /// The operation quota per minute; 0 is unlimited.
    public var operationsPerMinute = 0
    /// Share of requests that get an injected fault, 0...1.
    public var faultRate = 0.0
    /// Seed of the fault sequence.
    public var seed: UInt64 = 1
    /// How long an injected slow response waits, in seconds.
    public var slowResponseDelay = 2.0
    /// The service limits.
    public var limits = RegistryLimits()
    /// Whether bulk answers also list applied items in `errors` (`errorCode` 200, "Succeeded"), as some SDK
    /// documentation shows; for testing clients against that shape.
    public var bulkResultsListSuccesses = false
    /// For testing clients: the first N bulk calls are applied, then answered 200 with a body that is not JSON.
    public var unreadableBulkAnswers = 0
    /// Idle timeout and connection limit.
    public var connections = ConnectionLimits()
    /// Where diagnostics go.
    public var logger = Logger(label: "dpsbulk.emulator")

    /// PEM files for HTTPS.
    public struct TLSFiles: Sendable {
        public var certificateChain: String
        public var privateKey: String

        public init(certificateChain: String, privateKey: String) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
        }
    }

    public init(policy: SharedAccessPolicy = .random(name: "provisioningserviceowner")) {
        self.policy = policy
    }
}

/// Where a running emulator can be reached.
public struct EmulatorEndpoint: Sendable {
    /// The host clients should use.
    public let host: String
    /// The bound port.
    public let port: Int
    /// Whether it speaks HTTPS.
    public let usesTLS: Bool
    /// The policy to sign with.
    public let policy: SharedAccessPolicy

    /// The service connection string for this emulator (holds the key: do not log it).
    public var connectionString: String {
        "HostName=\(usesTLS ? "https" : "http")://\(host):\(port);SharedAccessKeyName=\(policy.name);"
            + "SharedAccessKey=\(policy.key)"
    }

    /// The base URL.
    public var baseURL: URL { URL(string: "\(usesTLS ? "https" : "http")://\(host):\(port)")! }
}
