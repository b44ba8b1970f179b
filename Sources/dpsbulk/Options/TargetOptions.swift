import ArgumentParser
import DPSClient
import DPSModel
import Foundation

/// Which DPS instance a command talks to: from `DPS_CONNECTION_STRING`, a file, the command line (warned about),
/// or the embedded emulator.
struct TargetOptions: ParsableArguments {
    @Option(
        name: .customLong("connection-string-file"),
        help: "Read the service connection string from this file (first line)."
    )
    var connectionStringFile: String?

    @Option(
        name: .customLong("connection-string"),
        help: "The service connection string. Avoid: it shows in `ps`; prefer DPS_CONNECTION_STRING or a file."
    )
    var connectionString: String?

    @Option(
        name: .customLong("ca-cert"),
        help: "Also trust the CA certificates in this PEM file (e.g. the emulator's)."
    )
    var caCertificate: String?

    @Option(
        help: "The DPS host (NAME.azure-devices-provisioning.net, or DPS_HOST): authenticate with Microsoft Entra ID."
    )
    var host: String?

    @Option(help: "With --host: the credential to use (environment, workload-identity, managed-identity, azure-cli).")
    var credential: String?

    @Flag(help: "Use the embedded emulator, with its state kept in .dpsbulk/emulator (see DPSBULK_HOME).")
    var emulator = false

    /// Where the target comes from once resolved.
    enum Source {
        case target(ServiceTarget)
        case embeddedEmulator
    }

    /// Resolves the target; `environmentVariable` names the variable to read (DPS_CONNECTION_STRING by default).
    func resolve(environmentVariable: String = "DPS_CONNECTION_STRING") throws -> Source {
        let sources = [connectionStringFile != nil, connectionString != nil, emulator, host != nil].filter { $0 }
            .count
        guard sources <= 1 else {
            throw ValidationError(
                "give only one of --host, --connection-string-file, --connection-string and --emulator"
            )
        }
        if emulator { return .embeddedEmulator }
        return .target(
            try EntraTarget.resolve(
                prefix: String(environmentVariable.dropLast("CONNECTION_STRING".count)),
                hostOption: host,
                credential: credential,
                connectionFile: connectionStringFile,
                connectionArgument: connectionString
            )
        )
    }

    /// The connection string from a file, the command line (warned about) or `environmentVariable`, in that order.
    static func connectionString(
        file: String?,
        argument: String?,
        environmentVariable: String
    ) throws -> ConnectionString {
        let text: String
        if let file {
            guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CommandFailure(
                    status: ExitStatus.usageOrInput,
                    message: "cannot read the connection string file '\(file)'"
                )
            }
            text = contents.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        } else if let argument {
            DiagnosticLog.logger.warning(
                "a connection string on the command line is visible to other users in `ps`; prefer \(environmentVariable) or --connection-string-file"
            )
            text = argument
        } else if let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty {
            text = value
        } else {
            throw CommandFailure(
                status: ExitStatus.usageOrInput,
                message: "no target: set \(environmentVariable) or DPS_HOST, or pass --connection-string-file PATH, "
                    + "--host NAME or --emulator"
            )
        }
        do {
            return try ConnectionString(parsing: text)
        } catch {
            throw CommandFailure(
                status: ExitStatus.usageOrInput,
                message: "the connection string is not usable: \(error.message)"
            )
        }
    }
}
