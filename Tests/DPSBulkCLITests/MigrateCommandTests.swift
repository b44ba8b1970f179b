import Foundation
import Testing

/// `dpsbulk migrate` between real emulator processes, killed and resumed.
@Suite(.serialized)
struct MigrateCommandTests {
    @Test func killedMigrationsResumeToAnIdenticalTarget() async throws {
        let directory = try CLIRunner.temporaryDirectory()
        let source = try EmulatorProcess()
        // The target drops 5% of the connections, some after applying the write: requests are in doubt. It is paced
        // at 300 a minute (about 30 s of work) so that three killed runs cannot finish it even on a loaded machine.
        let target = try EmulatorProcess(arguments: ["--fault-rate", "0.05", "--seed", "11"])
        defer {
            source.stop()
            target.stop()
        }
        let sourceFile = directory.appendingPathComponent("source.conn").path
        let targetFile = directory.appendingPathComponent("target.conn").path
        try source.connectionString.write(toFile: sourceFile, atomically: true, encoding: .utf8)
        try target.connectionString.write(toFile: targetFile, atomically: true, encoding: .utf8)
        for manifest in [try ImportCommandTests.manifest(rows: 1500, in: directory), "samples/mixed.jsonl"] {
            let imported = try CLIRunner.run(
                [
                    "import", "--quiet", "--operations-per-minute", "1000000", "--journal",
                    directory.appendingPathComponent("\(URL(fileURLWithPath: manifest).lastPathComponent).j").path,
                    manifest,
                ],
                environment: ["DPS_CONNECTION_STRING": source.connectionString]
            )
            #expect(imported.status == 0, "\(imported.stdout)")
        }
        let journal = directory.appendingPathComponent("m.journal").path
        let arguments = [
            "migrate", "--groups", "--quiet", "--journal", journal, "--page-size", "40",
            "--operations-per-minute", "300", "--source-operations-per-minute", "1000000",
            "--source-connection-string-file", sourceFile,
            "--target-connection-string-file", targetFile,
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3 {
            let before = try await ImportCommandTests.enrolledIds(target.connectionString).count
            let process = try CLIRunner.start(arguments)
            // Kill once this run has applied something new on the target, however loaded the machine is.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, try await ImportCommandTests.enrolledIds(target.connectionString).count == before {
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...800, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let status = try CLIRunner.run(["status", journal])
        #expect(status.stdout.contains("source:   127.0.0.1:"), "\(status.stdout)")
        #expect(!status.stdout.contains("1505 of 1505"), "the kills came too late to interrupt: \(status.stdout)")
        let final = try CLIRunner.run(arguments + ["--operations-per-minute", "1000000"])
        #expect(final.status == 0, "\(final.stdout)\(final.stderr)")
        #expect(final.stdout.contains("1505 records: 1505 succeeded, 0 failed, 0 conflicts"), "\(final.stdout)")
        let diff = try CLIRunner.run(
            [
                "diff", "--include-keys", "--operations-per-minute", "1000000", "--source-connection-string-file",
                sourceFile,
                "--target-connection-string-file", targetFile,
            ])
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.contains("1505 same, 0 different, 0 missing in target, 0 only in target"))
        // A different migration cannot resume this journal.
        let other = try CLIRunner.run(arguments.filter { $0 != "--groups" })
        #expect(other.status == 2)
        #expect(other.stderr.contains("belongs to a migration"))
    }

    @Test func hubsAreMappedAndFailuresAreReportedAsJSONLines() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let source = try EmulatorProcess()
        let target = try EmulatorProcess()
        defer {
            source.stop()
            target.stop()
        }
        let sourceFile = directory.appendingPathComponent("source.conn").path
        let targetFile = directory.appendingPathComponent("target.conn").path
        try source.connectionString.write(toFile: sourceFile, atomically: true, encoding: .utf8)
        try target.connectionString.write(toFile: targetFile, atomically: true, encoding: .utf8)
        let env = ["DPS_SOURCE_CONNECTION_STRING": source.connectionString]
        #expect(
            try CLIRunner.run(
                [
                    "import", "--quiet", "--journal", directory.appendingPathComponent("s.j").path,
                    "samples/mixed.jsonl",
                ],
                environment: ["DPS_CONNECTION_STRING": source.connectionString]
            ).status == 0
        )
        // The target already has one of the enrollments, with other content: a conflict in create mode.
        let clash = directory.appendingPathComponent("clash.csv")
        try "registrationId,attestation,provisioningStatus\nsym-line5-000601,symmetricKey,disabled\n"
            .write(to: clash, atomically: true, encoding: .utf8)
        #expect(
            try CLIRunner.run(
                ["import", "--quiet", "--journal", directory.appendingPathComponent("t.j").path, clash.path],
                environment: ["DPS_CONNECTION_STRING": target.connectionString]
            ).status == 0
        )
        let journal = directory.appendingPathComponent("m.journal").path
        let migrated = try CLIRunner.run(
            [
                "migrate", "--groups", "--quiet", "--journal", journal, "--target-connection-string-file", targetFile,
                "--map-hub", "factory-hub.azure-devices.net=west-hub.azure-devices.net",
            ],
            environment: env
        )
        #expect(migrated.status == 1, "\(migrated.stdout)\(migrated.stderr)")
        #expect(migrated.stdout.contains("5 records: 4 succeeded, 0 failed, 1 conflicts"), "\(migrated.stdout)")
        let reportPath = directory.appendingPathComponent("report.jsonl").path
        let report = try CLIRunner.run(["report", journal, "--out", reportPath])
        #expect(report.status == 0, "\(report.stderr)")
        let lines = try String(contentsOfFile: reportPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#""registrationId":"sym-line5-000601""#) == true)
        #expect(lines.first?.contains(#""state":"conflict""#) == true)
        let status = try CLIRunner.run(["status", journal])
        #expect(status.stdout.contains("  sym-line5-000601  conflict: already enrolled"), "\(status.stdout)")
        let backup = directory.appendingPathComponent("target.jsonl").path
        #expect(
            try CLIRunner.run(
                ["export", "--groups", "--out", backup],
                environment: ["DPS_CONNECTION_STRING": target.connectionString]
            ).status == 0
        )
        let exported = try String(contentsOfFile: backup, encoding: .utf8)
        #expect(exported.contains("west-hub.azure-devices.net"))
        #expect(!exported.contains("factory-hub.azure-devices.net"))
        // Without a source the command says what is missing.
        let missing = try CLIRunner.run(["migrate", "--target-connection-string-file", targetFile])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("DPS_SOURCE_CONNECTION_STRING"))
        // Connection strings never reach the output or the journal.
        let key = try #require(source.connectionString.components(separatedBy: "SharedAccessKey=").last)
        #expect(!migrated.stdout.contains(key) && !migrated.stderr.contains(key))
        #expect(!(try Data(contentsOf: URL(fileURLWithPath: journal))).contains(Data(key.utf8)))
    }
}
