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
            until SIGTERM or SIGINT. The key can also come from the DPS_EMULATOR_KEY environment variable.
            """
    )

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
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        var emulatorLogger = Logger(label: "dpsbulk.emulator") { StreamLogHandler.standardError(label: $0) }
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
        try await EmulatorServer.run(configuration) { endpoint in
            // The connection string is the one output a caller needs; it goes to stdout alone on its line.
            print(endpoint.connectionString)
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
