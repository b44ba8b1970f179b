import DPSClient
import DPSModel
import Foundation

/// Resolves an instance given by host name (Microsoft Entra ID) or by connection string (SAS).
enum EntraTarget {
    /// The target for one side. `prefix` is `DPS_` (one instance) or `DPS_SOURCE_` / `DPS_TARGET_`: the host
    /// comes from `hostOption` or `{prefix}HOST`, the connection string from `connectionFile`, `connectionArgument`
    /// or `{prefix}CONNECTION_STRING`. A side's own `{prefix}AZURE_*` variables override the shared `AZURE_*` ones,
    /// so that a migration's source and target each have their own credential.
    static func resolve(
        prefix: String,
        hostOption: String?,
        credential: String?,
        connectionFile: String?,
        connectionArgument: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServiceTarget {
        let connectionVariable = "\(prefix)CONNECTION_STRING"
        let hostVariable = "\(prefix)HOST"
        let explicitConnection = connectionFile != nil || connectionArgument != nil
        if hostOption != nil && explicitConnection {
            throw CommandFailure(
                status: ExitStatus.usageOrInput,
                message: "give a host (Microsoft Entra ID) or a connection string (SAS), not both"
            )
        }
        var host = hostOption
        if host == nil && !explicitConnection, let value = environment[hostVariable], !value.isEmpty {
            if let other = environment[connectionVariable], !other.isEmpty {
                throw CommandFailure(
                    status: ExitStatus.usageOrInput,
                    message: "both \(hostVariable) and \(connectionVariable) are set: unset one"
                )
            }
            host = value
        }
        guard let host else {
            return ServiceTarget(
                try TargetOptions.connectionString(
                    file: connectionFile,
                    argument: connectionArgument,
                    environmentVariable: connectionVariable
                )
            )
        }
        let tokenCredential: any TokenCredential
        do {
            tokenCredential = try CredentialChain.credential(
                environment: sideEnvironment(environment, prefix: prefix),
                forced: credential
            )
        } catch {
            throw CommandFailure(status: ExitStatus.usageOrInput, message: error.message)
        }
        do {
            return try ServiceTarget(host: host, credential: tokenCredential)
        } catch {
            throw CommandFailure(status: ExitStatus.usageOrInput, message: "the host '\(host)' is not usable")
        }
    }

    /// The environment with `{prefix}AZURE_*` laid over `AZURE_*` (for `DPS_SOURCE_` and `DPS_TARGET_` only).
    static func sideEnvironment(_ environment: [String: String], prefix: String) -> [String: String] {
        guard prefix != "DPS_" else { return environment }
        var merged = environment
        for (name, value) in environment where name.hasPrefix(prefix + "AZURE_") {
            merged[String(name.dropFirst(prefix.count))] = value
        }
        return merged
    }
}
