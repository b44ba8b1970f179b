import AsyncHTTPClient
import DPSClient
import DPSModel
import Foundation
import Testing

/// `dpsbulk import` as a user runs it: the real binary, a real emulator process, real journals.
@Suite(.serialized)
struct ImportCommandTests {
    static func manifest(rows: Int, in directory: URL) throws -> String {
        var lines = ["registrationId,attestation,primaryKey,iotHubHostName"]
        for index in 0..<rows {
            let key = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &+ index &* 13) }).base64EncodedString()
            lines.append("kill-\(index),symmetricKey,\(key),hub.azure-devices.net")
        }
        let path = directory.appendingPathComponent("m.csv").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every registration ID the emulator holds; each page is retried, since the emulator may inject faults.
    static func enrolledIds(_ connectionString: String) async throws -> [String] {
        let http = try HTTPClientFactory.make(connections: 1)
        let client = DPSServiceClient(connectionString: try ConnectionString(parsing: connectionString), http: http)
        do {
            var ids: [String] = []
            var continuation: String?
            repeat {
                let current = continuation
                let fetchPage: () async throws -> DPSServiceClient.Reply<[IndividualEnrollment]> = {
                    try await client.queryEnrollments(pageSize: 1000, continuation: current)
                }
                var page: DPSServiceClient.Reply<[IndividualEnrollment]>?
                for attempt in 1...20 where page == nil {
                    do {
                        page = try await fetchPage()
                    } catch {
                        if attempt == 20 { throw error }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                ids += page?.body.map(\.registrationId) ?? []
                continuation = page?.continuation
            } while continuation != nil
            try await http.shutdown()
            return ids
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    @Test func theSameManifestTwiceWithFreshJournalsExitsZeroAsAlreadyEnrolled() throws {
        let home = try CLIRunner.temporaryDirectory()
        let env = ["DPSBULK_HOME": home.path]
        let first = try CLIRunner.run(
            [
                "import", "--emulator", "--quiet", "--journal", home.appendingPathComponent("1.journal").path,
                "samples/factory-tpm.csv",
            ],
            environment: env
        )
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLIRunner.run(
            [
                "import", "--emulator", "--quiet", "--journal", home.appendingPathComponent("2.journal").path,
                "samples/factory-tpm.csv",
            ],
            environment: env
        )
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("6 records: 6 succeeded, 0 failed, 0 conflicts"), "\(second.stdout)")
        #expect(second.stdout.contains("6 already enrolled with the same content"), "\(second.stdout)")
        #expect(second.stdout.contains("6 reads to compare or confirm"), "\(second.stdout)")
    }

    /// Two emulators on one host are two instances: a journal of one is refused against the other (it once
    /// "resumed" there, sending nothing), while the embedded emulator, on a new port every run, stays one instance.
    @Test func aJournalBelongsToTheHostAndPortItWasMadeAgainst() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try Self.manifest(rows: 20, in: directory)
        let journal = directory.appendingPathComponent("port.journal").path
        let first = try EmulatorProcess()
        defer { first.stop() }
        let second = try EmulatorProcess()
        defer { second.stop() }
        let made = try CLIRunner.run(
            ["import", "--quiet", "--journal", journal, manifest],
            environment: ["DPS_CONNECTION_STRING": first.connectionString]
        )
        #expect(made.status == 0, "\(made.stdout)\(made.stderr)")
        let other = try CLIRunner.run(
            ["import", "--quiet", "--journal", journal, manifest],
            environment: ["DPS_CONNECTION_STRING": second.connectionString]
        )
        #expect(other.status == 2, "\(other.stdout)\(other.stderr)")
        #expect(other.stderr.contains("belongs to a run against"), "\(other.stderr)")

        let home = try CLIRunner.temporaryDirectory()
        let embeddedJournal = home.appendingPathComponent("embedded.journal").path
        for _ in 0..<2 {
            let run = try CLIRunner.run(
                ["import", "--emulator", "--quiet", "--journal", embeddedJournal, manifest],
                environment: ["DPSBULK_HOME": home.path]
            )
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        }
    }

    @Test func embeddedEmulatorRunsTheMainJobAndResumes() throws {
        let home = try CLIRunner.temporaryDirectory()
        let env = ["DPSBULK_HOME": home.path]
        let journal = home.appendingPathComponent("tpm.journal").path
        let first = try CLIRunner.run(
            ["import", "--emulator", "--quiet", "--journal", journal, "samples/factory-tpm.csv"],
            environment: env
        )
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("6 records: 6 succeeded"))
        let again = try CLIRunner.run(
            ["import", "--emulator", "--quiet", "--journal", journal, "samples/factory-tpm.csv"],
            environment: env
        )
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 requests"))
        let invalid = try CLIRunner.run(
            [
                "import", "--emulator", "--quiet", "--journal", home.appendingPathComponent("e.journal").path,
                "--summary-json", home.appendingPathComponent("s.json").path, "samples/errors.csv",
            ],
            environment: env
        )
        #expect(invalid.status == 1)
        let summary =
            try JSONSerialization.jsonObject(with: Data(contentsOf: home.appendingPathComponent("s.json")))
            as? [String: Any]
        for key in ["total", "succeeded", "failed", "skipped", "requests", "throttled", "retries", "elapsedSeconds"] {
            #expect(summary?[key] != nil, "summary lacks \(key)")
        }
        #expect(summary?["skipped"] as? Int == 43)
        let strict = try CLIRunner.run(
            [
                "import", "--emulator", "--quiet", "--strict", "--journal",
                home.appendingPathComponent("x.journal").path,
                "samples/errors.csv",
            ],
            environment: env
        )
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("--strict"))

        let status = try CLIRunner.run(["status", home.appendingPathComponent("e.journal").path])
        #expect(status.status == 0)
        #expect(status.stdout.contains("51 of 51 records done"))
        #expect(status.stdout.contains("skipped    43"))
        #expect(status.stdout.contains("line 2  bad device 01  skipped"))
        let reportPath = CLIRunner.repositoryRoot.appendingPathComponent("samples/.report-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: reportPath) }
        let report = try CLIRunner.run([
            "report", home.appendingPathComponent("e.journal").path, "--out", reportPath.path,
        ])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("43 records written"))
        let text = try String(contentsOf: reportPath, encoding: .utf8)
        #expect(text.hasPrefix("registrationId,attestation,"))
        #expect(text.split(separator: "\n").first?.hasSuffix(",error") == true)
        // The report is itself a manifest: it validates with the same errors, the error column ignored.
        let revalidated = try CLIRunner.run(["validate", "--format", "json", reportPath.path])
        #expect(revalidated.status == 1)
        #expect(revalidated.stdout.contains("\"rowsRead\":43"))
        #expect(try CLIRunner.run(["status", home.appendingPathComponent("missing.journal").path]).status == 2)
    }

    @Test func usageAndCredentialFailures() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let noTarget = try CLIRunner.run(
            ["import", "samples/factory-tpm.csv"],
            environment: ["DPS_CONNECTION_STRING": ""]
        )
        #expect(noTarget.status == 2)
        #expect(noTarget.stderr.contains("DPS_CONNECTION_STRING"))
        #expect(try CLIRunner.run(["import", "--emulator", "nope.csv"]).status == 2)

        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let secret = emulator.connectionString.components(separatedBy: "SharedAccessKey=").last ?? "?"
        let wrong = emulator.connectionString.replacingOccurrences(
            of: secret,
            with: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        )
        let refused = try CLIRunner.run(
            ["import", "--journal", directory.appendingPathComponent("j").path, "samples/factory-tpm.csv"],
            environment: ["DPS_CONNECTION_STRING": wrong]
        )
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(refused.stderr.contains("refused the credentials"))
        let onArgv = try CLIRunner.run(
            [
                "import", "--quiet", "--connection-string", emulator.connectionString, "--journal",
                directory.appendingPathComponent("k").path, "samples/factory-tpm.csv",
            ])
        #expect(onArgv.status == 0)
        #expect(onArgv.stderr.contains("visible to other users"))
        for output in [refused.stdout, refused.stderr, onArgv.stdout, onArgv.stderr] {
            #expect(!output.contains(secret), "the key leaked into the output")
        }
        let journal = try Data(contentsOf: directory.appendingPathComponent("k"))
        #expect(journal.range(of: Data(secret.utf8)) == nil, "the key leaked into the journal")
    }

    @Test func killedAtRandomMomentsAndResumedLandsEveryRowOnce() async throws {
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try Self.manifest(rows: 1500, in: directory)
        let journal = directory.appendingPathComponent("kill.journal").path
        let emulator = try EmulatorProcess(arguments: ["--fault-rate", "0.05", "--seed", "3"])
        defer { emulator.stop() }
        let arguments = ["import", "--quiet", "--operations-per-minute", "2400", "--journal", journal, manifest]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<4 {
            let process = try CLIRunner.start(
                arguments,
                environment: ["DPS_CONNECTION_STRING": emulator.connectionString]
            )
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...1200, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let final = try CLIRunner.run(arguments, environment: ["DPS_CONNECTION_STRING": emulator.connectionString])
        #expect(final.status == 0, "\(final.stdout)\(final.stderr)")
        #expect(final.stdout.contains("1500 records: 1500 succeeded, 0 failed, 0 conflicts"))
        let ids = try await Self.enrolledIds(emulator.connectionString)
        #expect(ids.count == 1500)
        #expect(Set(ids) == Set((0..<1500).map { "kill-\($0)" }))
    }
}
