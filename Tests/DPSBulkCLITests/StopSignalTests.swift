import Foundation
import Testing

/// SIGTERM (systemd, Kubernetes, CI runners) and SIGINT (Ctrl-C) stop `dpsbulk import` like a service: no new
/// requests, the ones in flight finished and journalled, the summary printed with the real elapsed time, exit 143 or
/// 130; the same command then resumes and sends nothing twice.
@Suite(.serialized)
struct StopSignalTests {
    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func aSignalMidImportStopsCleanlyAndTheRerunSendsNothingTwice(signal: Int32, status: Int32) async throws {
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try ImportCommandTests.manifest(rows: 400, in: directory)
        let journal = directory.appendingPathComponent("stop.journal").path
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let environment = ["DPS_CONNECTION_STRING": emulator.connectionString]
        // 40 requests at 40 a minute: 60 s of work, which the signal interrupts whatever the machine's load (at 120
        // a minute a loaded machine's slow `status` polls let the import finish first).
        let running = try CLIRunner.Running(
            ["import", "--quiet", "--operations-per-minute", "40", "--journal", journal, manifest],
            environment: environment
        )
        #expect(try await JournalProgress.waitForSuccess(inJournal: journal, seconds: 30))
        try await Task.sleep(for: .seconds(1))
        #expect(running.process.isRunning, "the import ended before the signal")
        let signalled = Date()
        kill(running.process.processIdentifier, signal)
        let stopped = await running.finish()
        #expect(Date().timeIntervalSince(signalled) < 12, "the in-flight requests took longer than the bound")
        #expect(stopped.status == status, "\(stopped.stdout)\(stopped.stderr)")
        #expect(stopped.stderr.contains("interrupted; run the same command again to resume"), "\(stopped.stderr)")
        // The summary is a line of its own, with the real time the run took (it ran at least a second).
        let summary = try #require(stopped.stdout.split(separator: "\n").first { $0.hasPrefix("400 records: ") })
        let first = try #require(Self.counts(in: String(summary)), "\(summary)")
        #expect(first.seconds >= 1, "\(summary)")
        #expect(first.succeeded > 0 && first.succeeded < 400, "\(summary)")
        #expect(first.succeeded % 10 == 0, "a batch was cut short: \(summary)")
        // The journal is consistent: nothing left in flight, every request's outcome recorded.
        let status = try CLIRunner.run(["status", journal])
        #expect(status.stdout.contains("status: interrupted"), "\(status.stdout)")
        #expect(!status.stdout.contains("inFlight"), "records left in flight: \(status.stdout)")
        #expect(status.stdout.contains("progress: \(first.succeeded) of 400 records done"), "\(status.stdout)")

        let resumed = try CLIRunner.run(
            ["import", "--quiet", "--operations-per-minute", "100000", "--journal", journal, manifest],
            environment: environment
        )
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains("400 records: 400 succeeded"), "\(resumed.stdout)")
        // Nothing sent twice: the two sessions' bulk requests add up to the 40 that 400 records need.
        let second = try #require(Self.counts(in: resumed.stdout), "\(resumed.stdout)")
        #expect(first.retries == 0 && second.retries == 0)
        #expect(first.requests + second.requests == 40, "\(summary) / \(resumed.stdout)")
        #expect(Set(try await ImportCommandTests.enrolledIds(emulator.connectionString)).count == 400)
    }

    /// Imports 400 rows into a new emulator, exports them at `pace` a minute in pages of `pageSize`, and sends the
    /// export SIGTERM `after` its first checkpoint (looked for every `poll`): the stopped run, where it wrote, and
    /// the environment naming the emulator (which runs until `body` returns).
    static func withExportStopped(
        pace: Int,
        pageSize: Int,
        poll: Duration,
        after: Duration,
        _ body: (_ stopped: CLIRunner.Result, _ out: String, _ environment: [String: String]) async throws -> Void
    ) async throws {
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try ImportCommandTests.manifest(rows: 400, in: directory)
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let environment = ["DPS_CONNECTION_STRING": emulator.connectionString]
        let imported = try CLIRunner.run(
            ["import", "--quiet", "--journal", directory.appendingPathComponent("j").path, manifest],
            environment: environment
        )
        #expect(imported.status == 0, "\(imported.stderr)")
        let out = directory.appendingPathComponent("backup.jsonl").path
        let arguments = [
            "export", "--quiet", "--operations-per-minute", "\(pace)", "--page-size", "\(pageSize)", "--out", out,
        ]
        let running = try CLIRunner.Running(arguments, environment: environment)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !FileManager.default.fileExists(atPath: out + ".partial.checkpoint") {
            try await Task.sleep(for: poll)
        }
        try await Task.sleep(for: after)
        #expect(running.process.isRunning, "the export ended before the signal")
        kill(running.process.processIdentifier, SIGTERM)
        let stopped = await running.finish()
        #expect(stopped.status == 143, "\(stopped.stdout)\(stopped.stderr)")
        try await body(stopped, out, environment)
    }

    @Test func sigtermMidExportExits143AndTheRerunCompletesTheFile() async throws {
        // 40 pages at 60 a minute: 40 s of work.
        try await Self.withExportStopped(pace: 60, pageSize: 10, poll: .milliseconds(200), after: .seconds(1)) {
            stopped,
            out,
            environment in
            #expect(stopped.stdout.contains(" items written to \(out).partial in "), "\(stopped.stdout)")
            #expect(!FileManager.default.fileExists(atPath: out))
            let resumed = try CLIRunner.run(
                ["export", "--quiet", "--page-size", "10", "--out", out],
                environment: environment
            )
            #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
            #expect(resumed.stdout.contains("400 enrollments and 0 groups"), "\(resumed.stdout)")
            #expect(resumed.stdout.contains("resumed"), "\(resumed.stdout)")
            let ids = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])[
                    "registrationId"
                ]
                    as? String
            }
            #expect(ids.count == 400 && Set(ids).count == 400)
        }
    }

    @Test func anExportStoppedBetweenCheckpointsSavesOneForAllItWrote() async throws {
        // 80 pages at 300 a minute: a page every 0.2 s, a checkpoint at most every 0.25 s, 16 s of work (at 8 s a
        // loaded machine's first checkpoint came too late for the stop to find the export still running).
        try await Self.withExportStopped(pace: 300, pageSize: 5, poll: .milliseconds(50), after: .milliseconds(700)) {
            _,
            out,
            environment in
            // Every line on disk is in the checkpoint saved at the stop: the resumed run writes none of them again.
            let lines = try String(contentsOfFile: out + ".partial", encoding: .utf8).split(separator: "\n").count
            let checkpoint = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: out + ".partial.checkpoint"))
                )
                    as? [String: Any]
            )
            #expect(lines > 0 && lines < 400, "\(lines) lines")
            #expect(checkpoint["enrollments"] as? Int == lines, "\(checkpoint) for \(lines) lines")
            let size = try FileManager.default.attributesOfItem(atPath: out + ".partial")[.size] as? Int
            #expect(checkpoint["bytes"] as? Int == size, "\(checkpoint) for \(size ?? -1) bytes")
            let resumed = try CLIRunner.run(
                ["export", "--quiet", "--page-size", "5", "--out", out],
                environment: environment
            )
            #expect(resumed.status == 0 && resumed.stdout.contains("resumed"), "\(resumed.stdout)\(resumed.stderr)")
            let ids = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count
            #expect(ids == 400)
        }
    }

    @Test func sigtermMidMigrationExits143WithNothingInFlightAndTheRerunFinishes() async throws {
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try ImportCommandTests.manifest(rows: 400, in: directory)
        let source = try EmulatorProcess()
        let target = try EmulatorProcess()
        defer {
            source.stop()
            target.stop()
        }
        let imported = try CLIRunner.run(
            ["import", "--quiet", "--journal", directory.appendingPathComponent("j").path, manifest],
            environment: ["DPS_CONNECTION_STRING": source.connectionString]
        )
        #expect(imported.status == 0, "\(imported.stderr)")
        let journal = directory.appendingPathComponent("m.journal").path
        let environment = [
            "DPS_SOURCE_CONNECTION_STRING": source.connectionString,
            "DPS_TARGET_CONNECTION_STRING": target.connectionString,
        ]
        // 40 bulk requests at 60 a minute on the target: 40 s of work.
        let running = try CLIRunner.Running(
            [
                "migrate", "--quiet", "--page-size", "50", "--operations-per-minute", "60",
                "--source-operations-per-minute", "100000", "--journal", journal,
            ],
            environment: environment
        )
        #expect(try await JournalProgress.waitForSuccess(inJournal: journal, seconds: 30))
        try await Task.sleep(for: .seconds(1))
        #expect(running.process.isRunning, "the migration ended before the signal")
        kill(running.process.processIdentifier, SIGTERM)
        let signalled = Date()
        let stopped = await running.finish()
        #expect(Date().timeIntervalSince(signalled) < 12, "the in-flight requests took longer than the bound")
        #expect(stopped.status == 143, "\(stopped.stdout)\(stopped.stderr)")
        let summary = try #require(Self.counts(in: stopped.stdout), "\(stopped.stdout)")
        #expect(summary.seconds >= 1 && summary.succeeded > 0 && summary.succeeded < 400, "\(stopped.stdout)")
        let status = try CLIRunner.run(["status", journal])
        #expect(status.stdout.contains("status: interrupted"), "\(status.stdout)")
        #expect(!status.stdout.contains("inFlight"), "records left in flight: \(status.stdout)")

        let resumed = try CLIRunner.run(
            [
                "migrate", "--quiet", "--page-size", "50", "--operations-per-minute", "100000",
                "--source-operations-per-minute", "100000", "--journal", journal,
            ],
            environment: environment
        )
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains("400 records: 400 succeeded, 0 failed, 0 conflicts"), "\(resumed.stdout)")
        let ids = try await ImportCommandTests.enrolledIds(target.connectionString)
        #expect(ids.count == 400 && Set(ids).count == 400)
    }

    @Test func progressWithoutATerminalIsATimestampedLineEveryFiveSeconds() async throws {
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try ImportCommandTests.manifest(rows: 400, in: directory)
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        // 40 requests at 240 a minute: 10 s, so one or two progress lines.
        let result = try CLIRunner.run(
            [
                "import", "--operations-per-minute", "240", "--journal", directory.appendingPathComponent("j").path,
                manifest,
            ],
            environment: ["DPS_CONNECTION_STRING": emulator.connectionString]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty && lines.count <= 3, "\(result.stderr)")
        for line in lines {
            #expect(line.firstMatch(of: #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \[/#) != nil, "\(line)")
            #expect(!line.contains(" 0/0 "), "\(line)")
        }
        #expect(lines.last?.contains("400/400 finished") == true, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("400 records: 400 succeeded"), "\(result.stdout)")
    }

    /// Succeeded, requests, retries and seconds from a summary line.
    static func counts(in text: String) -> (succeeded: Int, requests: Int, retries: Int, seconds: Double)? {
        let pattern = #/records: (\d+) succeeded.*?\. (\d+) requests \((\d+) retries.*? in ([0-9.]+) s\./#
        guard let match = text.firstMatch(of: pattern),
            let succeeded = Int(match.1), let requests = Int(match.2), let retries = Int(match.3),
            let seconds = Double(match.4)
        else { return nil }
        return (succeeded, requests, retries, seconds)
    }
}
