import DPSEmulator
import DPSEngine
import DPSModel
import Foundation

/// The emulator `--emulator` runs inside the process: state in `<home>/emulator`, the same key every time, so a
/// later command with `--emulator` sees the same instance.
enum EmbeddedEmulator {
    /// dpsbulk's local folder: `DPSBULK_HOME`, or `.dpsbulk` in the current directory.
    static var home: URL {
        if let path = ProcessInfo.processInfo.environment["DPSBULK_HOME"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".dpsbulk")
    }

    /// What journals record as the embedded emulator's host: one instance whatever port it listens on this run.
    static let journalTargetName = "embedded-emulator"

    /// Runs the embedded emulator on a free loopback port for the duration of `body`, which gets its connection
    /// string and its quota: dpsbulk started it, so the quota is known (none), and `auto` needs no slow start.
    static func withRunning<T: Sendable>(
        _ body: @Sendable (ConnectionString, KnownQuota) async throws -> T
    ) async throws -> T {
        let directory = home.appendingPathComponent("emulator")
        var configuration = EmulatorConfiguration(
            policy: SharedAccessPolicy(name: "provisioningserviceowner", key: try key(in: directory))
        )
        configuration.dataDirectory = directory
        configuration.logger.logLevel = .critical  // the embedded server's shutdown chatter is not the user's concern
        let quota = KnownQuota(emulatorOperationsPerMinute: configuration.operationsPerMinute)
        return try await EmulatorServer.withRunning(configuration) { endpoint, _ in
            try await body(try ConnectionString(parsing: endpoint.connectionString), quota)
        }
    }

    /// The instance's key, made once and kept readable by the owner only.
    static func key(in directory: URL) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("key")
        if let existing = try? String(contentsOf: file, encoding: .utf8),
            SharedAccessPolicy.problem(withKey: existing.trimmingCharacters(in: .whitespacesAndNewlines)) == nil
        {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let key = SharedAccessPolicy.random(name: "provisioningserviceowner").key
        guard
            FileManager.default.createFile(
                atPath: file.path,
                contents: Data(key.utf8),
                attributes: [.posixPermissions: 0o600]
            )
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path]) }
        return key
    }
}
