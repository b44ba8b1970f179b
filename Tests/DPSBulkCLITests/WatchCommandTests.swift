import Foundation
import Testing

/// `dpsbulk watch` as an operator runs it: the real binary on a real inbox, a real emulator process, real journals.
@Suite(.serialized)
struct WatchCommandTests {
    /// A CSV manifest of `rows` symmetric-key enrollments whose IDs start with `prefix`.
    static func manifest(_ prefix: String, rows: Int) -> Data {
        var lines = ["registrationId,attestation,primaryKey,iotHubHostName"]
        for index in 0..<rows {
            let key = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &+ index &* 7) }).base64EncodedString()
            lines.append("\(prefix)-\(index),symmetricKey,\(key),hub.azure-devices.net")
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func gzip(_ data: Data) throws -> Data {
        let gzip = try CLIRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["gzip", "-c"], stdin: data)
        #expect(gzip.status == 0)
        return gzip.stdout
    }

    static func names(in folder: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    }

    static func summary(_ file: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    }

    @Test func droppedFilesEndUpInTheRightFoldersWithTheRightReports() async throws {
        let inbox = try CLIRunner.temporaryDirectory()
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let environment = ["DPS_CONNECTION_STRING": emulator.connectionString]
        let good = Self.manifest("good", rows: 12)
        try good.write(to: inbox.appendingPathComponent("good.csv"))
        try Self.gzip(Self.manifest("zipped", rows: 5)).write(to: inbox.appendingPathComponent("zipped.csv.gz"))
        let cut = try Self.gzip(Self.manifest("cut", rows: 200))
        try cut.prefix(cut.count / 2).write(to: inbox.appendingPathComponent("cut.csv.gz"))
        try FileManager.default.copyItem(
            at: CLIRunner.repositoryRoot.appendingPathComponent("samples/errors.csv"),
            to: inbox.appendingPathComponent("errors.csv")
        )
        try Data("registrationId,attestation,primaryKey,iotHubHostName\n".utf8).write(
            to: inbox.appendingPathComponent("empty.csv")
        )
        // Half-written: still under its temporary name while the first pass runs.
        try Self.manifest("late", rows: 3).write(to: inbox.appendingPathComponent("late.csv.part"))

        let first = try CLIRunner.run(
            ["watch", "--once", "--max-jobs", "3", "--poll-interval", "0.2", inbox.path],
            environment: environment
        )
        #expect(first.status == 1, "some were rejected: \(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("watch: 2 done, 3 rejected, 0 waiting"), "\(first.stdout)")
        let done = inbox.appendingPathComponent("done")
        let rejected = inbox.appendingPathComponent("rejected")
        #expect(
            Self.names(in: done)
                == ["good.csv", "good.csv.summary.json", "zipped.csv.gz", "zipped.csv.gz.summary.json"]
        )
        let goodSummary = try Self.summary(done.appendingPathComponent("good.csv.summary.json"))
        #expect(goodSummary["total"] as? Int == 12 && goodSummary["succeeded"] as? Int == 12, "\(goodSummary)")
        #expect(try Self.summary(done.appendingPathComponent("zipped.csv.gz.summary.json"))["succeeded"] as? Int == 5)
        // The half-written file is left alone.
        #expect(Self.names(in: inbox).contains("late.csv.part"))

        let cutReason = try String(
            contentsOf: rejected.appendingPathComponent("cut.csv.gz.reason.txt"),
            encoding: .utf8
        )
        #expect(cutReason.contains("cut.csv.gz: the gzip data ends inside a gzip member"), "\(cutReason)")
        #expect(!cutReason.contains(".dpsbulk-watch"), "the reason names the file as dropped: \(cutReason)")
        let emptyReason = try String(
            contentsOf: rejected.appendingPathComponent("empty.csv.reason.txt"),
            encoding: .utf8
        )
        #expect(emptyReason.contains("no records"), "\(emptyReason)")
        // errors.csv has valid rows and invalid ones: the valid are enrolled, the rest come back as a report to fix.
        let errorsReason = try String(
            contentsOf: rejected.appendingPathComponent("errors.csv.reason.txt"),
            encoding: .utf8
        )
        #expect(errorsReason.contains("records were not enrolled"), "\(errorsReason)")
        let report = try String(contentsOf: rejected.appendingPathComponent("errors.csv.report.csv"), encoding: .utf8)
        let reportLines = report.split(separator: "\n")
        #expect(reportLines.first?.hasSuffix(",error") == true, "\(report.prefix(300))")
        let errorsSummary = try Self.summary(rejected.appendingPathComponent("errors.csv.summary.json"))
        let notEnrolled =
            (errorsSummary["skipped"] as? Int ?? 0) + (errorsSummary["failed"] as? Int ?? 0)
            + (errorsSummary["conflicts"] as? Int ?? 0)
        // A record of errors.csv may span lines (quoted newlines): at least a line per record, and the first one.
        #expect(notEnrolled > 0 && reportLines.count >= notEnrolled + 1, "\(errorsSummary)")
        #expect(reportLines.dropFirst().first?.hasPrefix("bad device 01,") == true, "\(report.prefix(300))")
        let attributes = try FileManager.default.attributesOfItem(
            atPath: rejected.appendingPathComponent("errors.csv.report.csv").path
        )
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "the report holds keys")
        // Every transition is a line on standard error.
        #expect(first.stderr.contains("watch: good.csv: queued (claimed from the inbox)"), "\(first.stderr)")
        #expect(first.stderr.contains("watch: good.csv: importing"), "\(first.stderr)")
        #expect(first.stderr.contains("good.csv: done, filed as done/good.csv: 12 records: 12 succeeded"))

        // The rename completes the half-written file; the same content under another name is a duplicate.
        try FileManager.default.moveItem(
            at: inbox.appendingPathComponent("late.csv.part"),
            to: inbox.appendingPathComponent("late.csv")
        )
        try good.write(to: inbox.appendingPathComponent("good-again.csv"))
        let second = try CLIRunner.run(["watch", "--once", inbox.path], environment: environment)
        #expect(second.status == 1, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("watch: 1 done, 1 rejected"), "\(second.stdout)")
        #expect(Self.names(in: done).contains("late.csv"))
        let duplicate = try String(
            contentsOf: rejected.appendingPathComponent("good-again.csv.reason.txt"),
            encoding: .utf8
        )
        #expect(duplicate.contains("a duplicate: the same content"), "\(duplicate)")
        #expect(duplicate.contains("as done/good.csv"), "\(duplicate)")
        #expect(Self.names(in: inbox).subtracting(["done", "rejected", ".dpsbulk-watch"]).isEmpty)

        let ids = try await ImportCommandTests.enrolledIds(emulator.connectionString)
        #expect(ids.filter { $0.hasPrefix("good-") }.count == 12)
        #expect(ids.filter { $0.hasPrefix("zipped-") }.count == 5)
        #expect(ids.filter { $0.hasPrefix("late-") }.count == 3)
        #expect(!ids.contains { $0.hasPrefix("cut-") })
    }

    @Test func underTheMarkerConventionAFileWaitsForItsMarker() throws {
        let inbox = try CLIRunner.temporaryDirectory()
        let home = try CLIRunner.temporaryDirectory()
        let environment = ["DPSBULK_HOME": home.path]
        try Self.manifest("marked", rows: 2).write(to: inbox.appendingPathComponent("marked.csv"))
        let arguments = ["watch", "--once", "--emulator", "--ready-convention", "marker", inbox.path]
        let waiting = try CLIRunner.run(arguments, environment: environment)
        #expect(waiting.status == 0, "\(waiting.stdout)\(waiting.stderr)")
        #expect(waiting.stdout.contains("watch: 0 done, 0 rejected"), "\(waiting.stdout)")
        #expect(Self.names(in: inbox).contains("marked.csv"))
        try Data().write(to: inbox.appendingPathComponent("marked.csv.ready"))
        let taken = try CLIRunner.run(arguments, environment: environment)
        #expect(taken.status == 0, "\(taken.stdout)\(taken.stderr)")
        #expect(Self.names(in: inbox.appendingPathComponent("done")).contains("marked.csv"))
        #expect(!Self.names(in: inbox).contains("marked.csv.ready"), "the marker is removed")
    }

    /// Waits until the job's journal shows some records succeeded.
    static func waitForProgress(_ journal: URL, seconds: Double = 40) async throws {
        if try await !JournalProgress.waitForSuccess(inJournal: journal.path, seconds: seconds) {
            Issue.record("the import made no progress")
        }
    }

    @Test func aKillMinus9MidImportAndARestartLandEveryRowExactlyOnce() async throws {
        let inbox = try CLIRunner.temporaryDirectory()
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let environment = ["DPS_CONNECTION_STRING": emulator.connectionString]
        try Self.manifest("crash", rows: 300).write(to: inbox.appendingPathComponent("crash.csv"))
        // 30 requests at 60 a minute: 30 s of work, which the kill interrupts.
        let watching = try CLIRunner.Running(
            ["watch", "--poll-interval", "0.2", "--operations-per-minute", "60", inbox.path],
            environment: environment
        )
        let job = inbox.appendingPathComponent(".dpsbulk-watch/jobs/crash.csv")
        try await Self.waitForProgress(job.appendingPathComponent(".journal"))
        try await Task.sleep(for: .seconds(1))
        #expect(watching.process.isRunning, "the import ended before the kill")
        kill(watching.process.processIdentifier, SIGKILL)
        _ = await watching.finish()
        #expect(FileManager.default.fileExists(atPath: job.appendingPathComponent("crash.csv").path))

        let restarted = try CLIRunner.run(
            ["watch", "--once", "--operations-per-minute", "100000", inbox.path],
            environment: environment
        )
        #expect(restarted.status == 0, "\(restarted.stdout)\(restarted.stderr)")
        #expect(restarted.stderr.contains("1 claimed job to resume"), "\(restarted.stderr)")
        let summary = try Self.summary(inbox.appendingPathComponent("done/crash.csv.summary.json"))
        #expect(summary["total"] as? Int == 300 && summary["succeeded"] as? Int == 300, "\(summary)")
        #expect(summary["failed"] as? Int == 0 && summary["conflicts"] as? Int == 0, "\(summary)")
        #expect(summary["resumed"] as? Bool == true, "\(summary)")
        let ids = try await ImportCommandTests.enrolledIds(emulator.connectionString)
        #expect(ids.count == 300 && Set(ids).count == 300)
        #expect(!FileManager.default.fileExists(atPath: job.path), "the job's folder is gone once filed")
    }

    @Test func sigtermDrainsTheJobsInFlightAndExitsZero() async throws {
        let inbox = try CLIRunner.temporaryDirectory()
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let environment = ["DPS_CONNECTION_STRING": emulator.connectionString]
        try Self.manifest("drain", rows: 300).write(to: inbox.appendingPathComponent("drain.csv"))
        let watching = try CLIRunner.Running(
            ["watch", "--poll-interval", "0.2", "--operations-per-minute", "60", inbox.path],
            environment: environment
        )
        let job = inbox.appendingPathComponent(".dpsbulk-watch/jobs/drain.csv")
        let journal = job.appendingPathComponent(".journal")
        try await Self.waitForProgress(journal)
        // Another file of the same name while the first is importing: refused by name, the first goes on.
        try Self.manifest("other", rows: 2).write(to: inbox.appendingPathComponent("drain.csv"))
        let reason = inbox.appendingPathComponent("rejected/drain.csv.reason.txt")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !FileManager.default.fileExists(atPath: reason.path) {
            try await Task.sleep(for: .milliseconds(100))
        }
        let refused = try String(contentsOf: reason, encoding: .utf8)
        #expect(refused.contains("a manifest named drain.csv is being imported already"), "\(refused)")
        #expect(watching.process.isRunning, "the import ended before the signal")
        let signalled = Date()
        kill(watching.process.processIdentifier, SIGTERM)
        let stopped = await watching.finish()
        #expect(Date().timeIntervalSince(signalled) < 12, "the in-flight requests took longer than the bound")
        #expect(stopped.status == 0, "\(stopped.stdout)\(stopped.stderr)")
        #expect(stopped.stderr.contains("shutting down: no new files; 1 job finishing"), "\(stopped.stderr)")
        #expect(stopped.stderr.contains("drain.csv: stopped for the shutdown"), "\(stopped.stderr)")
        #expect(stopped.stdout.contains("1 to resume at the next start"), "\(stopped.stdout)")
        let status = try CLIRunner.run(["status", journal.path])
        #expect(!status.stdout.contains("inFlight"), "records left in flight: \(status.stdout)")

        let restarted = try CLIRunner.run(
            ["watch", "--once", "--operations-per-minute", "100000", inbox.path],
            environment: environment
        )
        #expect(restarted.status == 0, "\(restarted.stdout)\(restarted.stderr)")
        let summary = try Self.summary(inbox.appendingPathComponent("done/drain.csv.summary.json"))
        #expect(summary["succeeded"] as? Int == 300 && summary["retries"] as? Int == 0, "\(summary)")
        #expect(Set(try await ImportCommandTests.enrolledIds(emulator.connectionString)).count == 300)
    }

    @Test func aSecondWatcherOnTheSameInboxIsRefused() async throws {
        let inbox = try CLIRunner.temporaryDirectory()
        let home = try CLIRunner.temporaryDirectory()
        let environment = ["DPSBULK_HOME": home.path]
        let first = try CLIRunner.Running(["watch", "--emulator", inbox.path], environment: environment)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline,
            !FileManager.default.fileExists(atPath: inbox.appendingPathComponent(".dpsbulk-watch/jobs").path)
        {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(500))
        // Its own emulator home: only the inbox is shared.
        let otherHome = ["DPSBULK_HOME": try CLIRunner.temporaryDirectory().path]
        let second = try CLIRunner.run(["watch", "--once", "--emulator", inbox.path], environment: otherHome)
        kill(first.process.processIdentifier, SIGTERM)
        let firstEnd = await first.finish()
        #expect(firstEnd.status == 0, "\(firstEnd.stderr)")
        #expect(second.status == 2, "\(second.stderr)")
        #expect(second.stderr.contains("another watcher is using"), "\(second.stderr)")
        let missing = try CLIRunner.run(
            ["watch", "--once", "--emulator", inbox.appendingPathComponent("nope").path],
            environment: otherHome
        )
        #expect(missing.status == 2 && missing.stderr.contains("is not a folder"), "\(missing.stderr)")
        let remote = try CLIRunner.run(
            ["watch", "--once", "--emulator", "--metrics-address", "0.0.0.0:9464", inbox.path],
            environment: otherHome
        )
        #expect(remote.status == 2 && remote.stderr.contains("is not loopback"), "\(remote.stderr)")
    }

    @Test func aStateDirectoryOnAnotherFileSystemIsRefusedBeforeAnyClaim() throws {
        // /dev/shm is a tmpfs: another file system than the temporary directories' (skipped where it is missing).
        let shm = URL(fileURLWithPath: "/dev/shm")
        guard FileManager.default.isWritableFile(atPath: shm.path) else { return }
        let inbox = try CLIRunner.temporaryDirectory()
        let state = shm.appendingPathComponent("dpsbulk-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let manifest = inbox.appendingPathComponent("line1.csv")
        try "registrationId,attestation\nline1-device,symmetricKey\n".write(
            to: manifest,
            atomically: true,
            encoding: .utf8
        )
        let result = try CLIRunner.run(
            ["watch", "--once", "--emulator", "--state-dir", state.path, inbox.path],
            environment: ["DPSBULK_HOME": try CLIRunner.temporaryDirectory().path]
        )
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("is on another file system than the inbox"), "\(result.stderr)")
        // Nothing was claimed: the manifest is where the factory left it.
        #expect(FileManager.default.fileExists(atPath: manifest.path))
        #expect(
            (try? FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("jobs").path)) ?? []
                == []
        )
    }
}

/// What a restart finds in the state directory, and failures of the service rather than of a manifest.
@Suite(.serialized)
struct WatchRecoveryTests {
    @Test func aRestartFinishesAFilingAndRetakesAFileWhoseClaimStoppedHalfWay() throws {
        let inbox = try CLIRunner.temporaryDirectory()
        let home = try CLIRunner.temporaryDirectory()
        let jobs = inbox.appendingPathComponent(".dpsbulk-watch/jobs")
        // A job rejected, its reason written, but killed before it was moved to rejected/.
        let filing = jobs.appendingPathComponent("half.csv")
        try FileManager.default.createDirectory(at: filing, withIntermediateDirectories: true)
        try WatchCommandTests.manifest("half", rows: 1).write(to: filing.appendingPathComponent("half.csv"))
        try Data("the reason\n".utf8).write(to: filing.appendingPathComponent(".reason.txt"))
        try Data(
            #"{"claimedAt":"2026-12-04T10:00:00Z","name":"half.csv","reason":"the reason","serviceFailures":0,"state":"rejected"}"#
                .utf8
        ).write(to: filing.appendingPathComponent(".job.json"))
        // A claim that stopped after making the job's folder: the file is still in the inbox.
        try FileManager.default.createDirectory(
            at: jobs.appendingPathComponent("again.csv"),
            withIntermediateDirectories: true
        )
        try WatchCommandTests.manifest("again", rows: 2).write(to: inbox.appendingPathComponent("again.csv"))

        let result = try CLIRunner.run(
            ["watch", "--once", "--emulator", inbox.path],
            environment: ["DPSBULK_HOME": home.path]
        )
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("watch: 1 done, 1 rejected"), "\(result.stdout)")
        let rejected = inbox.appendingPathComponent("rejected")
        #expect(WatchCommandTests.names(in: rejected) == ["half.csv", "half.csv.reason.txt"])
        #expect(WatchCommandTests.names(in: inbox.appendingPathComponent("done")).contains("again.csv"))
        #expect(WatchCommandTests.names(in: jobs).isEmpty)
    }

    @Test func refusedCredentialsKeepTheJobClaimedAndExit3ThenTheRightOnesImportIt() throws {
        let inbox = try CLIRunner.temporaryDirectory()
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        try WatchCommandTests.manifest("creds", rows: 4).write(to: inbox.appendingPathComponent("creds.csv"))
        let wrongKey = Data(repeating: 7, count: 32).base64EncodedString()
        let wrong = emulator.connectionString.replacingOccurrences(
            of: #"SharedAccessKey=[^;]+"#,
            with: "SharedAccessKey=\(wrongKey)",
            options: .regularExpression
        )
        #expect(wrong != emulator.connectionString)
        let refused = try CLIRunner.run(["watch", "--once", inbox.path], environment: ["DPS_CONNECTION_STRING": wrong])
        #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("creds.csv: the service failed ("), "\(refused.stderr)")
        #expect(refused.stderr.contains("the job stays claimed and is tried again at the next start"))
        #expect(!refused.stderr.contains(wrongKey), "the key is never logged")
        #expect(WatchCommandTests.names(in: inbox.appendingPathComponent("rejected")).isEmpty)
        #expect(
            FileManager.default.fileExists(
                atPath: inbox.appendingPathComponent(".dpsbulk-watch/jobs/creds.csv/creds.csv").path
            )
        )

        let accepted = try CLIRunner.run(
            ["watch", "--once", inbox.path],
            environment: ["DPS_CONNECTION_STRING": emulator.connectionString]
        )
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
        #expect(WatchCommandTests.names(in: inbox.appendingPathComponent("done")).contains("creds.csv"))
    }
}
