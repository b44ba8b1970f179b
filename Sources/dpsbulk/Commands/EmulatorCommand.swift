import ArgumentParser
import DPSEmulator
import Foundation
import Logging

/// `dpsbulk emulator`: a local DPS service (REST API 2021-10-01) for tests and trials without a cloud account.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local DPS service that official Azure clients accept.",
        discussion: """
            Prints the connection string to use on a line of its own beginning with HostName=, then serves \
            until SIGTERM or SIGINT. The key can also come from the DPS_EMULATOR_KEY environment variable. \
            With --entra it also plays Microsoft Entra ID (token endpoint /{tenant}/oauth2/v2.0/token, RS256 \
            tokens, keys and OpenID discovery) and prints a second line AuthorityHost=URL;TenantId=ID.
            """
    )

    @OptionGroup var logging: LogOptions

    @Option(help: "Address to bind (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "TCP port; 0 picks a free one.")
    var port = 8080

    @Option(name: .customLong("tls-cert"), help: "PEM certificate (chain) for HTTPS.")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key for HTTPS.")
    var tlsKey: String?

    @Option(help: "Shared access policy name.")
    var policy = "provisioningserviceowner"

    @Option(help: "Shared access key (base64); random when omitted. Prefer DPS_EMULATOR_KEY: argv shows in ps.")
    var key: String?

    @Option(name: .customLong("data-dir"), help: "Keep the registry in SQLite in this folder (survives restarts).")
    var dataDirectory: String?

    @Option(name: .customLong("operations-per-minute"), help: "Service quota; 0 is unlimited.")
    var operationsPerMinute = 0

    @Option(name: .customLong("fault-rate"), help: "Share of requests (0 to 1) that get an injected fault.")
    var faultRate = 0.0

    @Option(help: "Seed of the injected faults, for repeatable runs.")
    var seed: UInt64 = 1

    @Option(name: .customLong("log-level"), help: "trace, debug, info, warning or error.")
    var logLevel = "info"

    @Flag(help: "Also accept Microsoft Entra ID bearer tokens, and issue them to the clients given.")
    var entra = false

    @Option(
        name: .customLong("entra-clients"),
        help: "JSON file of clients: [{clientId, clientSecret, roles: [contributor|reader], secretExpires?}]."
    )
    var entraClients: String?

    @Option(
        name: .customLong("entra-client"),
        help: "A client as ID:ROLE (contributor or reader), its secret from DPS_EMULATOR_CLIENT_SECRET. Repeatable."
    )
    var entraClient: [String] = []

    @Option(
        name: .customLong("entra-managed-identity"),
        help: """
            Serve a managed identity with this role at /metadata/identity/oauth2/token and /msi/token \
            (the App Service header value from DPS_EMULATOR_IDENTITY_HEADER).
            """
    )
    var entraManagedIdentity: String?

    @Option(name: .customLong("tenant"), help: "The Entra tenant ID.")
    var tenant = "00000000-0000-0000-0000-00000000d95b"

    @Option(name: .customLong("token-lifetime"), help: "Seconds an issued token is valid (1 to 86400).")
    var tokenLifetime = 3600

    func validate() throws {
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together")
        }
        if !(0...1).contains(faultRate) { throw ValidationError("--fault-rate must be between 0 and 1") }
        if !(0...100_000_000).contains(operationsPerMinute) {
            throw ValidationError("--operations-per-minute must be between 0 (unlimited) and 100000000")
        }
        if !(0...65_535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if let key = key ?? ProcessInfo.processInfo.environment["DPS_EMULATOR_KEY"],
            let problem = SharedAccessPolicy.problem(withKey: key)
        {
            throw ValidationError("\(self.key == nil ? "DPS_EMULATOR_KEY" : "--key"): \(problem)")
        }
        if !entra && (entraClients != nil || !entraClient.isEmpty || entraManagedIdentity != nil) {
            throw ValidationError("--entra-clients, --entra-client and --entra-managed-identity need --entra")
        }
        if let entraManagedIdentity, EntraRole(rawValue: entraManagedIdentity) == nil {
            throw ValidationError("--entra-managed-identity takes contributor or reader")
        }
        if !(1...86_400).contains(tokenLifetime) { throw ValidationError("--token-lifetime must be 1 to 86400") }
        _ = try entraClientsFromOptions()
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        // JSON lines with --log-format json; otherwise swift-log's own lines, metadata shown.
        var emulatorLogger =
            logging.logFormat == .json
            ? Logger(label: "dpsbulk.emulator")
            : Logger(label: "dpsbulk.emulator") { StreamLogHandler.standardError(label: $0) }
        emulatorLogger.logLevel = level
        let logger = emulatorLogger
        let key = key ?? ProcessInfo.processInfo.environment["DPS_EMULATOR_KEY"]
        var configuration = EmulatorConfiguration(
            policy: key.map { SharedAccessPolicy(name: policy, key: $0) } ?? .random(name: policy)
        )
        configuration.host = host
        configuration.port = port
        if let tlsCertificate, let tlsKey {
            configuration.tls = .init(certificateChain: tlsCertificate, privateKey: tlsKey)
        }
        configuration.dataDirectory = dataDirectory.map { URL(fileURLWithPath: $0) }
        configuration.operationsPerMinute = operationsPerMinute
        configuration.faultRate = faultRate
        configuration.seed = seed
        configuration.logger = logger
        if entra {
            var clients = try entraClientsFromOptions()
            if let entraClients { clients += try EntraClient.load(fromFile: entraClients) }
            var entraConfiguration = EntraConfiguration(tenantID: tenant, clients: clients)
            entraConfiguration.tokenLifetime = TimeInterval(tokenLifetime)
            if let role = entraManagedIdentity.flatMap(EntraRole.init(rawValue:)) {
                let header = ProcessInfo.processInfo.environment["DPS_EMULATOR_IDENTITY_HEADER"] ?? UUID().uuidString
                entraConfiguration.managedIdentity = .init(roles: [role], identityHeader: header)
            }
            configuration.entra = entraConfiguration
        }
        try await EmulatorServer.run(configuration) { endpoint in
            // The connection string is the one output a caller needs; it goes to stdout alone on its line.
            print(endpoint.connectionString)
            if let tenant = endpoint.entraTenantID {
                print("AuthorityHost=\(endpoint.baseURL.absoluteString);TenantId=\(tenant)")
            }
            fflush(nil)
            logger.info(
                "emulator listening",
                metadata: [
                    "url": "\(endpoint.baseURL)", "policy": "\(endpoint.policy.name)",
                    "quota": "\(operationsPerMinute == 0 ? "unlimited" : "\(operationsPerMinute)/min")",
                    "storage": "\(dataDirectory ?? "memory")",
                ]
            )
        }
    }
}

extension EmulatorCommand {
    /// The clients of `--entra-client ID:ROLE`, sharing the secret in DPS_EMULATOR_CLIENT_SECRET.
    func entraClientsFromOptions() throws -> [EntraClient] {
        guard !entraClient.isEmpty else { return [] }
        guard let secret = ProcessInfo.processInfo.environment["DPS_EMULATOR_CLIENT_SECRET"], !secret.isEmpty else {
            throw ValidationError("--entra-client needs the client secret in DPS_EMULATOR_CLIENT_SECRET")
        }
        return try entraClient.map { text in
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let role = EntraRole(rawValue: parts[1].lowercased()) else {
                throw ValidationError("--entra-client '\(text)' is not ID:ROLE with ROLE contributor or reader")
            }
            return EntraClient(clientID: parts[0], clientSecret: secret, roles: [role])
        }
    }
}
