import ArgumentParser
import DPSClient
import Foundation

/// The two instances of `migrate` and `diff`: each by a connection string (a file, or DPS_SOURCE_CONNECTION_STRING /
/// DPS_TARGET_CONNECTION_STRING) or by host with Microsoft Entra ID (`--source-host`, or DPS_SOURCE_HOST...), and the
/// extra CA certificates to trust for both.
struct InstancePairOptions: ParsableArguments {
    /// One of the two instances.
    enum Side: String {
        case source, target
    }

    @Option(
        name: .customLong("source-connection-string-file"),
        help: "Read the source instance's connection string from this file."
    )
    var sourceConnectionStringFile: String?

    @Option(
        name: .customLong("target-connection-string-file"),
        help: "Read the target instance's connection string from this file."
    )
    var targetConnectionStringFile: String?

    @Option(name: .customLong("source-host"), help: "The source by host (or DPS_SOURCE_HOST), with Microsoft Entra ID.")
    var sourceHost: String?

    @Option(name: .customLong("target-host"), help: "The target by host (or DPS_TARGET_HOST), with Microsoft Entra ID.")
    var targetHost: String?

    @Option(name: .customLong("source-credential"), help: "With a source host: the credential to use.")
    var sourceCredential: String?

    @Option(name: .customLong("target-credential"), help: "With a target host: the credential to use.")
    var targetCredential: String?

    @Option(name: .customLong("ca-cert"), help: "Also trust the CA certificates in this PEM file (e.g. an emulator's).")
    var caCertificate: String?

    /// Whether an option names `side`'s instance (a connection string file or a host).
    func namesInstance(_ side: Side) -> Bool {
        switch side {
        case .source: sourceConnectionStringFile != nil || sourceHost != nil
        case .target: targetConnectionStringFile != nil || targetHost != nil
        }
    }

    /// `side`'s instance, from its options or its `DPS_SOURCE_` / `DPS_TARGET_` variables (see ``EntraTarget``).
    func resolve(_ side: Side) throws -> ServiceTarget {
        try EntraTarget.resolve(
            prefix: "DPS_\(side.rawValue.uppercased())_",
            hostOption: side == .source ? sourceHost : targetHost,
            credential: side == .source ? sourceCredential : targetCredential,
            connectionFile: side == .source ? sourceConnectionStringFile : targetConnectionStringFile,
            connectionArgument: nil
        )
    }
}
