import Foundation
import Testing

/// `dpsbulk export` as a user runs it.
@Suite(.serialized)
struct ExportCommandTests {
    @Test func killedExportsResumeWithoutDuplicatesOrGaps() async throws {
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try ImportCommandTests.manifest(rows: 2000, in: directory)
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let env = ["DPS_CONNECTION_STRING": emulator.connectionString]
        let imported = try CLIRunner.run(
            [
                "import", "--quiet", "--operations-per-minute", "1000000", "--journal",
                directory.appendingPathComponent("i.journal").path, manifest,
            ],
            environment: env
        )
        #expect(imported.status == 0)
        let out = directory.appendingPathComponent("backup.jsonl").path
        // 200 pages at 120 a minute: 100 s of work, which three killed runs cannot finish even when this test
        // process is starved on a loaded machine (at 600 a minute it once did); the last run goes at full speed.
        let arguments = ["export", "--out", out, "--page-size", "10", "--operations-per-minute", "120"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3 {
            let process = try CLIRunner.start(arguments, environment: env)
            // Kill once this run has checkpointed a new page, however loaded the machine is.
            let checkpoint = out + ".partial.checkpoint"
            let before = (try? Data(contentsOf: URL(fileURLWithPath: checkpoint))) ?? Data()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, ((try? Data(contentsOf: URL(fileURLWithPath: checkpoint))) ?? Data()) == before {
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...300, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        #expect(!FileManager.default.fileExists(atPath: out), "the file appears only when complete")
        let final = try CLIRunner.run(arguments + ["--operations-per-minute", "1000000"], environment: env)
        #expect(final.status == 0, "\(final.stderr)")
        #expect(final.stdout.contains("2000 enrollments and 0 groups"))
        #expect(final.stdout.contains("resumed"))
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        let ids = try lines.map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["registrationId"] as? String
                ?? ""
        }
        #expect(ids.count == 2000)
        #expect(Set(ids) == Set((0..<2000).map { "kill-\($0)" }))
        let sidecar = try String(contentsOfFile: out + ".sha256", encoding: .utf8)
        #expect(sidecar.hasSuffix("  backup.jsonl\n"))
        #expect(!FileManager.default.fileExists(atPath: out + ".partial"))
        // The file imports again unchanged into another instance.
        let other = try EmulatorProcess()
        defer { other.stop() }
        let restore = try CLIRunner.run(
            [
                "import", "--quiet", "--operations-per-minute", "1000000", "--journal",
                directory.appendingPathComponent("r.journal").path, out,
            ],
            environment: ["DPS_CONNECTION_STRING": other.connectionString]
        )
        #expect(restore.status == 0, "\(restore.stdout)")
        #expect(restore.stdout.contains("2000 records: 2000 succeeded"))
    }

    @Test func gzipBackupsRestoreAndCompareAsTheyAre() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let source = try EmulatorProcess()
        let restored = try EmulatorProcess()
        defer {
            source.stop()
            restored.stop()
        }
        let imported = try CLIRunner.run(
            ["import", "--quiet", "--journal", directory.appendingPathComponent("i.j").path, "samples/mixed.jsonl"],
            environment: ["DPS_CONNECTION_STRING": source.connectionString]
        )
        #expect(imported.status == 0)
        for name in ["backup.jsonl.gz", "backup.csv.gz"] {
            let out = directory.appendingPathComponent(name).path
            let exported = try CLIRunner.run(
                ["export", "--groups", "--include-keys", "--page-size", "2", "--out", out],
                environment: ["DPS_CONNECTION_STRING": source.connectionString]
            )
            #expect(exported.status == 0, "\(exported.stderr)")
            #expect(exported.stderr.contains("5 written (finished)"), "progress: \(exported.stderr)")
            // Real gzip reads it: one member per page, and the content is in the format the name asks for.
            let gunzip = Process()
            gunzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            gunzip.arguments = ["gzip", "-dc", out]
            let pipe = Pipe()
            gunzip.standardOutput = pipe
            try gunzip.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            gunzip.waitUntilExit()
            #expect(gunzip.terminationStatus == 0)
            #expect(text.hasPrefix(name.hasPrefix("backup.csv") ? "registrationId," : "{"), "\(text.prefix(80))")
            // dpsbulk reads it back as it is (certificates make CSV records span several lines).
            let validated = try CLIRunner.run(["validate", out])
            #expect(validated.stdout.contains("5 rows read"), "\(validated.stdout)")
        }
        let backup = directory.appendingPathComponent("backup.jsonl.gz").path
        let restore = try CLIRunner.run(
            ["import", "--quiet", "--journal", directory.appendingPathComponent("r.j").path, backup],
            environment: ["DPS_CONNECTION_STRING": restored.connectionString]
        )
        #expect(restore.status == 0, "\(restore.stdout)\(restore.stderr)")
        let connection = directory.appendingPathComponent("restored.conn").path
        try restored.connectionString.write(toFile: connection, atomically: true, encoding: .utf8)
        let diff = try CLIRunner.run(
            ["diff", "--include-keys", "--source", backup, "--target-connection-string-file", connection])
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.contains("5 same, 0 different"))
    }
}
