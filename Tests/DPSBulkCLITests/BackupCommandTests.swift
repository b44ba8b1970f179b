import Foundation
import Testing

/// Nightly backups as a user runs them: incremental keys, age encryption judged by the real `age` command,
/// `verify`, and retention.
@Suite(.serialized, .enabled(if: AgeTool.installed != nil, "the `age` command is not installed (Debian package `age`)"))
struct BackupCommandTests {
    /// Writes a CSV of symmetric-key enrollments `ids`, with keys derived from `salt` (a new salt, new keys).
    static func keyedManifest(_ ids: [Int], salt: Int, name: String, in directory: URL) throws -> String {
        var lines = ["registrationId,attestation,primaryKey,secondaryKey,iotHubHostName"]
        for index in ids {
            let primary = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index &* 13 &+ salt) })
            let secondary = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 5 &+ index &* 11 &+ salt &+ 1) })
            lines.append(
                "dev-\(index),symmetricKey,\(primary.base64EncodedString()),\(secondary.base64EncodedString()),"
                    + "hub.azure-devices.net"
            )
        }
        let path = directory.appendingPathComponent(name).path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func summary(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    static func importManifest(
        _ manifest: String,
        mode: String = "create",
        into env: [String: String],
        journal: String,
        extra: [String] = []
    ) throws -> CLIRunner.Result {
        try CLIRunner.run(
            ["import", "--quiet", "--mode", mode, "--operations-per-minute", "1000000", "--journal", journal]
                + extra + [manifest],
            environment: env
        )
    }

    /// The shown-by test of the issue, at its numbers: 5,000 keyed items, 50 changed, 20 added, 10 deleted; the
    /// incremental export spends at most its pages + 70 attestation calls, and restores everything.
    @Test func anIncrementalEncryptedBackupRestoresEveryItemWithItsCurrentKeys() throws {
        let tool = try #require(AgeTool.installed)
        let directory = try CLIRunner.temporaryDirectory()
        let key = try tool.newIdentityFile(in: directory)
        let source = try EmulatorProcess()
        defer { source.stop() }
        let env = ["DPS_CONNECTION_STRING": source.connectionString]
        let count = 5000
        let base = try Self.keyedManifest(Array(0..<count), salt: 0, name: "base.csv", in: directory)
        let imported = try Self.importManifest(base, into: env, journal: directory.appendingPathComponent("1.j").path)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let pattern = directory.appendingPathComponent("nightly-{time}.jsonl.gz.age").path
        let common = [
            "export", "--include-keys", "--page-size", "1000", "--operations-per-minute", "1000000",
            "--quiet", "--encrypt-to", key.recipient, "--out", pattern,
        ]
        let first = try CLIRunner.run(
            common + ["--summary-json", directory.appendingPathComponent("s1.json").path],
            environment: env
        )
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let full = try Self.summary(directory.appendingPathComponent("s1.json").path)
        #expect(full["keysFetched"] as? Int == count)

        // 50 changed (keys regenerated), 20 added, 10 deleted.
        let changed = try Self.keyedManifest(Array(0..<50), salt: 99, name: "changed.csv", in: directory)
        #expect(
            try Self.importManifest(
                changed,
                mode: "update",
                into: env,
                journal: directory.appendingPathComponent("2.j").path
            ).status == 0
        )
        let added = try Self.keyedManifest(Array(count..<(count + 20)), salt: 0, name: "added.csv", in: directory)
        #expect(
            try Self.importManifest(added, into: env, journal: directory.appendingPathComponent("3.j").path)
                .status == 0
        )
        let deleted = try Self.keyedManifest(Array((count - 10)..<count), salt: 0, name: "deleted.csv", in: directory)
        #expect(
            try Self.importManifest(
                deleted,
                mode: "delete",
                into: env,
                journal: directory.appendingPathComponent("4.j").path
            ).status == 0
        )

        Thread.sleep(forTimeInterval: 1.1)  // a new {time}
        let second = try CLIRunner.run(
            common + [
                "--keys-from", pattern, "--identity", key.path,
                "--summary-json", directory.appendingPathComponent("s2.json").path,
            ],
            environment: env
        )
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        let incremental = try Self.summary(directory.appendingPathComponent("s2.json").path)
        let items = count + 20 - 10
        let pages = (items + 999) / 1000
        #expect(incremental["keysFetched"] as? Int == 70)
        #expect(incremental["keysReused"] as? Int == items - 70)
        #expect((incremental["requests"] as? Int ?? .max) <= pages + 70, "\(incremental)")
        #expect(second.stdout.contains("\(items - 70) reused"), "\(second.stdout)")
        #expect(!second.stdout.contains("AGE-SECRET-KEY") && !second.stderr.contains("AGE-SECRET-KEY"))
        let backup = try #require(incremental["file"] as? String)
        #expect(backup.hasSuffix(".jsonl.gz.age"))
        let size = try FileManager.default.attributesOfItem(atPath: backup)[.size] as? Int
        #expect(incremental["bytes"] as? Int == size, "the summary counts the bytes on disk, last chunk included")

        // No plaintext on disk: the file is age, and the real age command decrypts it to gzip of the items.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        #expect(bytes.starts(with: Data("age-encryption.org/v1\n".utf8)))
        #expect(bytes.range(of: Data("dev-1".utf8)) == nil)
        let decrypted = try AgeTool.run(tool.age, ["-d", "-i", key.path, backup])
        #expect(decrypted.status == 0, "\(decrypted.stderr)")
        let gunzipped = try AgeTool.run("/usr/bin/env", ["gzip", "-dc"], stdin: decrypted.stdout)
        let lines = String(decoding: gunzipped.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == items)

        // verify, validate: decrypting with the identity.
        let verified = try CLIRunner.run(["verify", backup, "--identity", key.path])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("\(items) enrollments"), "\(verified.stdout)")
        let validated = try CLIRunner.run(["validate", backup], environment: ["DPSBULK_AGE_IDENTITY": key.path])
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")

        // Restore into an empty instance and compare with keys.
        let restored = try EmulatorProcess()
        defer { restored.stop() }
        let restore = try Self.importManifest(
            backup,
            into: ["DPS_CONNECTION_STRING": restored.connectionString],
            journal: directory.appendingPathComponent("r.j").path,
            extra: ["--identity", key.path]
        )
        #expect(restore.status == 0, "\(restore.stdout)\(restore.stderr)")
        #expect(restore.stdout.contains("\(items) records: \(items) succeeded"), "\(restore.stdout)")
        let connection = directory.appendingPathComponent("restored.conn").path
        try restored.connectionString.write(toFile: connection, atomically: true, encoding: .utf8)
        let sourceConnection = directory.appendingPathComponent("source.conn").path
        try source.connectionString.write(toFile: sourceConnection, atomically: true, encoding: .utf8)
        let diff = try CLIRunner.run(
            [
                "diff", "--include-keys", "--operations-per-minute", "1000000",
                "--source-connection-string-file", sourceConnection,
                "--target-connection-string-file", connection,
            ])
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        let diffFile = try CLIRunner.run(
            [
                "diff", "--include-keys", "--operations-per-minute", "1000000", "--source", backup,
                "--identity", key.path,
                "--target-connection-string-file", connection,
            ])
        #expect(diffFile.status == 0, "\(diffFile.stdout)\(diffFile.stderr)")
        #expect(diffFile.stdout.contains("\(items) same, 0 different"), "\(diffFile.stdout)")
    }

    @Test func filesTheAgeCommandEncryptsImportAndTamperedOrWronglyKeyedOnesImportNothing() async throws {
        let tool = try #require(AgeTool.installed)
        let directory = try CLIRunner.temporaryDirectory()
        let key = try tool.newIdentityFile(in: directory)
        let other = try tool.newIdentityFile(in: directory)
        // 3,000 rows: a file of several 64 KiB chunks, so that a tampered tail is met after valid chunks.
        let manifest = try Self.keyedManifest(Array(0..<3000), salt: 3, name: "m.csv", in: directory)
        let encrypted = directory.appendingPathComponent("m.csv.age").path
        let made = try AgeTool.run(tool.age, ["-r", key.recipient, "-o", encrypted, manifest])
        #expect(made.status == 0, "\(made.stderr)")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: encrypted))
        #expect(bytes.count > 3 * 65_536)
        bytes[bytes.count - 100] ^= 0x01
        let tampered = directory.appendingPathComponent("tampered.csv.age").path
        try bytes.write(to: URL(fileURLWithPath: tampered))

        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let env = ["DPS_CONNECTION_STRING": emulator.connectionString]
        let refused = try Self.importManifest(
            tampered,
            into: env,
            journal: directory.appendingPathComponent("t.j").path,
            extra: ["--identity", key.path]
        )
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("altered, damaged or truncated"), "\(refused.stderr)")
        let wrong = try Self.importManifest(
            encrypted,
            into: env,
            journal: directory.appendingPathComponent("w.j").path,
            extra: ["--identity", other.path]
        )
        #expect(wrong.status == 2, "\(wrong.stdout)\(wrong.stderr)")
        #expect(wrong.stderr.contains("no age identity given can decrypt"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("AGE-SECRET-KEY"))
        let none = try Self.importManifest(
            encrypted,
            into: env,
            journal: directory.appendingPathComponent("n.j").path
        )
        #expect(none.status == 2)
        #expect(none.stderr.contains("--identity"), "\(none.stderr)")
        #expect(
            try await ImportCommandTests.enrolledIds(emulator.connectionString).isEmpty,
            "a refused file imported nothing"
        )

        let accepted = try Self.importManifest(
            encrypted,
            into: env,
            journal: directory.appendingPathComponent("a.j").path,
            extra: ["--identity", key.path]
        )
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
        #expect(accepted.stdout.contains("3000 records: 3000 succeeded"), "\(accepted.stdout)")
    }

    @Test func aKilledEncryptedExportLeavesOnlyCiphertextAndRestartsFromZero() async throws {
        let tool = try #require(AgeTool.installed)
        let directory = try CLIRunner.temporaryDirectory()
        let key = try tool.newIdentityFile(in: directory)
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let env = ["DPS_CONNECTION_STRING": emulator.connectionString]
        let manifest = try Self.keyedManifest(Array(0..<1000), salt: 4, name: "m.csv", in: directory)
        #expect(
            try Self.importManifest(manifest, into: env, journal: directory.appendingPathComponent("i.j").path)
                .status == 0
        )
        let out = directory.appendingPathComponent("b.jsonl.age").path
        let arguments = ["export", "--include-keys", "--encrypt-to", key.recipient, "--out", out, "--page-size", "10"]
        // 100 pages and 1,000 key reads at 3,000 operations a minute: 22 s of work, killed once the first 64 KiB
        // chunk is sealed and written (about 170 items).
        let process = try CLIRunner.start(arguments + ["--operations-per-minute", "3000"], environment: env)
        let partial = out + ".partial"
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline,
            ((try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0)
                < 65_536 + 200
        {
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let left = try Data(contentsOf: URL(fileURLWithPath: partial))
        #expect(left.count >= 65_536, "the kill came after at least one sealed chunk")
        #expect(left.starts(with: Data("age-encryption.org/v1\n".utf8)))
        #expect(left.range(of: Data("dev-".utf8)) == nil, "no plaintext in the partial file")
        #expect(left.range(of: Data("symmetricKey".utf8)) == nil)
        #expect(!FileManager.default.fileExists(atPath: partial + ".checkpoint"), "no resume state on disk")
        let again = try CLIRunner.run(arguments + ["--operations-per-minute", "1000000", "--quiet"], environment: env)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("1000 enrollments"), "\(again.stdout)")
        #expect(!again.stdout.contains("resumed"))
        #expect(!FileManager.default.fileExists(atPath: partial))
        let decrypted = try AgeTool.run(tool.age, ["-d", "-i", key.path, out])
        #expect(decrypted.status == 0)
        #expect(String(decoding: decrypted.stdout, as: UTF8.self).split(separator: "\n").count == 1000)
        // A previous backup that does not match its sidecar is not trusted for keys.
        try Data("0000000000000000000000000000000000000000000000000000000000000000  b.jsonl.age\n".utf8)
            .write(to: URL(fileURLWithPath: out + ".sha256"))
        let untrusted = try CLIRunner.run(
            [
                "export", "--quiet", "--include-keys", "--keys-from", out, "--identity", key.path, "--out",
                directory.appendingPathComponent("c.jsonl").path,
            ],
            environment: env
        )
        #expect(untrusted.status == 2, "\(untrusted.stdout)\(untrusted.stderr)")
        #expect(untrusted.stderr.contains("does not match its SHA-256 sidecar"), "\(untrusted.stderr)")
    }

    @Test func groupsAndCertificatesAreReusedLikeEnrollmentKeys() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let env = ["DPS_CONNECTION_STRING": emulator.connectionString]
        let imported = try Self.importManifest(
            "samples/mixed.jsonl",
            into: env,
            journal: directory.appendingPathComponent("i.j").path
        )
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let first = directory.appendingPathComponent("first.jsonl").path
        #expect(
            try CLIRunner.run(["export", "--quiet", "--groups", "--include-keys", "--out", first], environment: env)
                .status == 0
        )
        let second = directory.appendingPathComponent("second.jsonl").path
        let summaryPath = directory.appendingPathComponent("s.json").path
        let run = try CLIRunner.run(
            [
                "export", "--quiet", "--groups", "--include-keys", "--keys-from", first, "--out", second,
                "--summary-json", summaryPath,
            ],
            environment: env
        )
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let summary = try Self.summary(summaryPath)
        // Two groups (X.509, symmetric key), an X.509 and a symmetric-key enrollment; the TPM one needs no call.
        #expect(summary["keysReused"] as? Int == 4, "\(summary)")
        #expect(summary["keysFetched"] as? Int == 0, "\(summary)")
        #expect(summary["groups"] as? Int == 2)
        let verified = try CLIRunner.run(["verify", second])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("group/x509") && verified.stdout.contains("enrollment/tpm"))
        let connection = directory.appendingPathComponent("c.conn").path
        try emulator.connectionString.write(toFile: connection, atomically: true, encoding: .utf8)
        let diff = try CLIRunner.run(
            ["diff", "--include-keys", "--source", second, "--target-connection-string-file", connection])
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
    }

    @Test func verifyRefusesAChangedFileAndReportsMissingKeys() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let env = ["DPS_CONNECTION_STRING": emulator.connectionString]
        let manifest = try Self.keyedManifest(Array(0..<5), salt: 1, name: "m.csv", in: directory)
        #expect(
            try Self.importManifest(manifest, into: env, journal: directory.appendingPathComponent("i.j").path)
                .status == 0
        )
        let keyless = directory.appendingPathComponent("keyless.jsonl").path
        #expect(try CLIRunner.run(["export", "--quiet", "--out", keyless], environment: env).status == 0)
        let missing = try CLIRunner.run(["verify", keyless])
        #expect(missing.status == 1, "\(missing.stdout)\(missing.stderr)")
        #expect(missing.stdout.contains("missing keys or certificates: enrollment dev-0"), "\(missing.stdout)")
        let keyed = directory.appendingPathComponent("keyed.jsonl").path
        #expect(
            try CLIRunner.run(["export", "--quiet", "--include-keys", "--out", keyed], environment: env)
                .status == 0
        )
        #expect(try CLIRunner.run(["verify", keyed]).status == 0)
        var text = try String(contentsOfFile: keyed, encoding: .utf8)
        text = text.replacingOccurrences(of: "dev-3", with: "dev-9")
        try text.write(toFile: keyed, atomically: true, encoding: .utf8)
        let changed = try CLIRunner.run(["verify", keyed])
        #expect(changed.status == 2)
        #expect(changed.stderr.contains("does not match its SHA-256 sidecar"), "\(changed.stderr)")
    }

    @Test func retentionRemovesOnlyOlderBackupsOfTheSameSeriesAfterTheNewOneVerifies() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let env = ["DPS_CONNECTION_STRING": emulator.connectionString]
        let manifest = try Self.keyedManifest(Array(0..<3), salt: 2, name: "m.csv", in: directory)
        #expect(
            try Self.importManifest(manifest, into: env, journal: directory.appendingPathComponent("i.j").path)
                .status == 0
        )
        let fm = FileManager.default
        let old = ["b-2020-01-01.jsonl", "b-2020-01-02.jsonl", "b-2020-01-03.jsonl"]
        for name in old + ["b-latest.jsonl", "b-2020-01-01.jsonl.bak", "other-2020-01-01.jsonl"] {
            for file in [name, name + ".sha256"] {
                #expect(fm.createFile(atPath: directory.appendingPathComponent(file).path, contents: Data("x".utf8)))
            }
        }
        let out = directory.appendingPathComponent("b-{date}.jsonl").path
        let exported = try CLIRunner.run(
            ["export", "--quiet", "--include-keys", "--out", out, "--keep", "2"],
            environment: env
        )
        #expect(exported.status == 0, "\(exported.stdout)\(exported.stderr)")
        let left = Set(try fm.contentsOfDirectory(atPath: directory.path))
        #expect(left.contains("b-2020-01-03.jsonl") && left.contains("b-2020-01-03.jsonl.sha256"))
        #expect(!left.contains("b-2020-01-01.jsonl") && !left.contains("b-2020-01-02.jsonl"))
        #expect(!left.contains("b-2020-01-01.jsonl.sha256"))
        for kept in ["b-latest.jsonl", "b-2020-01-01.jsonl.bak", "other-2020-01-01.jsonl"] {
            #expect(left.contains(kept), "\(kept) does not match the pattern and must stay")
        }
        #expect(exported.stdout.contains("Removed older backup"), "\(exported.stdout)")
        let days = try CLIRunner.run(
            ["export", "--quiet", "--include-keys", "--out", out, "--keep-days", "30"],
            environment: env
        )
        #expect(days.status == 0, "\(days.stdout)\(days.stderr)")
        #expect(!fm.fileExists(atPath: directory.appendingPathComponent("b-2020-01-03.jsonl").path))
        // Refused up front: a retention without a date in the name would match nothing but the new file.
        let plain = try CLIRunner.run(
            ["export", "--out", directory.appendingPathComponent("fixed.jsonl").path, "--keep", "2"],
            environment: env
        )
        #expect(plain.status == 2)
    }
}

/// The real `age` commands for the CLI tests.
struct AgeTool {
    let age: String
    let keygen: String

    static let installed: AgeTool? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        func find(_ name: String) -> String? {
            path.split(separator: ":").map { "\($0)/\(name)" }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let age = find("age"), let keygen = find("age-keygen") else { return nil }
        return AgeTool(age: age, keygen: keygen)
    }()

    static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: Data = Data()
    ) throws
        -> (status: Int32, stdout: Data, stderr: String)
    {
        let captured = try CLIRunner.execute(URL(fileURLWithPath: executable), arguments, stdin: stdin)
        return (captured.status, captured.stdout, String(decoding: captured.stderr, as: UTF8.self))
    }

    func newIdentityFile(in directory: URL) throws -> (path: String, recipient: String) {
        let path = directory.appendingPathComponent("key-\(UUID().uuidString).txt").path
        #expect(try Self.run(keygen, ["-o", path]).status == 0)
        let recipient = try Self.run(keygen, ["-y", path]).stdout
        return (path, String(decoding: recipient, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
