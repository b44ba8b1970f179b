import Foundation
import Testing

/// import, export, migrate and diff with Microsoft Entra ID: the real binary, `emulator --entra` over HTTPS, a
/// client secret from the environment and `AZURE_AUTHORITY_HOST` pointing at the emulator.
@Suite(.serialized)
struct EntraCommandTests {
    static let writerSecret = "cli-writer-secret-4711"
    static let readerSecret = "cli-reader-secret-0815"

    static func manifest(rows: Int, in directory: URL) throws -> String {
        var lines = ["registrationId,attestation,primaryKey,iotHubHostName"]
        for index in 0..<rows {
            let key = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &+ index &* 7) }).base64EncodedString()
            lines.append("entra-\(index),symmetricKey,\(key),hub.azure-devices.net")
        }
        let path = directory.appendingPathComponent("entra.csv").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Neither secret appears in what a run printed or journalled.
    static func expectNoSecret(_ texts: [String], file: String? = nil) throws {
        var all = texts
        if let file { all.append(String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)) }
        for text in all {
            #expect(!text.contains(writerSecret) && !text.contains(readerSecret))
            #expect(!text.contains("eyJ"), "a JWT leaked: \(text.prefix(200))")
        }
    }

    @Test func importExportMigrateAndDiffWithAClientSecret() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let clients = [("writer", Self.writerSecret, "contributor"), ("reader", Self.readerSecret, "reader")]
        let source = try EntraEmulatorProcess(clients: clients, in: directory)
        let target = try EntraEmulatorProcess(
            clients: [("target-writer", "target-secret-77", "contributor")],
            in: directory
        )
        defer {
            source.stop()
            target.stop()
        }
        let manifest = try Self.manifest(rows: 25, in: directory)
        var env = source.environment(client: "writer", secret: Self.writerSecret)
        env["DPS_HOST"] = source.baseURL
        env["DPS_CONNECTION_STRING"] = ""
        let journal = directory.appendingPathComponent("i.journal").path
        let imported = try CLIRunner.run(
            ["import", "--quiet", "--ca-cert", source.certificate, "--journal", journal, manifest],
            environment: env
        )
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stdout.contains("25 records: 25 succeeded, 0 failed"), "\(imported.stdout)")
        try Self.expectNoSecret([imported.stdout, imported.stderr], file: journal)

        let out = directory.appendingPathComponent("export.jsonl").path
        let exported = try CLIRunner.run(
            ["export", "--host", source.baseURL, "--ca-cert", source.certificate, "--out", out],
            environment: env
        )
        #expect(exported.status == 0, "\(exported.stdout)\(exported.stderr)")
        #expect(exported.stdout.contains("25 enrollments"), "\(exported.stdout)")
        try Self.expectNoSecret([exported.stdout, exported.stderr])

        // Source and target each with its own credential: DPS_TARGET_AZURE_* override AZURE_* for the target.
        let targetEnv = target.environment(client: "target-writer", secret: "target-secret-77", prefix: "DPS_TARGET_")
        var migrateEnv = env.merging(targetEnv) { $1 }
        // Each emulator is its own authority too (in Azure both would be login.microsoftonline.com).
        migrateEnv["DPS_SOURCE_AZURE_AUTHORITY_HOST"] = source.baseURL
        migrateEnv["DPS_SOURCE_HOST"] = source.baseURL
        migrateEnv["DPS_TARGET_HOST"] = target.baseURL
        migrateEnv["DPS_SOURCE_CONNECTION_STRING"] = ""
        migrateEnv["DPS_TARGET_CONNECTION_STRING"] = ""
        // One CA file that trusts both emulators.
        let bundle = directory.appendingPathComponent("both.pem").path
        let both =
            try String(contentsOfFile: source.certificate, encoding: .utf8)
            + String(contentsOfFile: target.certificate, encoding: .utf8)
        try both.write(toFile: bundle, atomically: true, encoding: .utf8)
        let migrateJournal = directory.appendingPathComponent("m.journal").path
        let migrated = try CLIRunner.run(
            ["migrate", "--quiet", "--ca-cert", bundle, "--journal", migrateJournal],
            environment: migrateEnv
        )
        #expect(migrated.status == 0, "\(migrated.stdout)\(migrated.stderr)")
        #expect(migrated.stdout.contains("25 records: 25 succeeded"), "\(migrated.stdout)")
        try Self.expectNoSecret([migrated.stdout, migrated.stderr], file: migrateJournal)

        let diff = try CLIRunner.run(["diff", "--ca-cert", bundle], environment: migrateEnv)
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.contains("25 same, 0 different"), "\(diff.stdout)")
    }

    @Test func aReaderIsRefusedWithExit3NamingTheRole() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let source = try EntraEmulatorProcess(clients: [("reader", Self.readerSecret, "reader")], in: directory)
        defer { source.stop() }
        let manifest = try Self.manifest(rows: 3, in: directory)
        var env = source.environment(client: "reader", secret: Self.readerSecret)
        env["DPS_CONNECTION_STRING"] = ""
        let journal = directory.appendingPathComponent("r.journal").path
        let refused = try CLIRunner.run(
            [
                "import", "--quiet", "--host", source.baseURL, "--ca-cert", source.certificate, "--journal", journal,
                manifest,
            ],
            environment: env
        )
        #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("Device Provisioning Service Data Contributor"), "\(refused.stderr)")
        try Self.expectNoSecret([refused.stdout, refused.stderr], file: journal)

        let unknown = try CLIRunner.run(
            ["import", "--quiet", "--host", source.baseURL, "--credential", "nonsense", manifest],
            environment: env
        )
        #expect(unknown.status == 2, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("environment, workload-identity, managed-identity, azure-cli"))

        env["AZURE_CLIENT_SECRET"] = "wrong-secret-value"
        let wrong = try CLIRunner.run(
            [
                "import", "--quiet", "--host", source.baseURL, "--ca-cert", source.certificate, "--journal",
                directory.appendingPathComponent("w.journal").path, manifest,
            ],
            environment: env
        )
        #expect(wrong.status == 3, "\(wrong.stdout)\(wrong.stderr)")
        #expect(wrong.stderr.contains("AADSTS7000215"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("wrong-secret-value"))
    }
}
