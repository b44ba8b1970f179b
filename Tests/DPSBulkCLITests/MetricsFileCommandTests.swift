import Foundation
import Testing

/// `--metrics-file` as node_exporter's textfile collector meets it: the real binary importing into the embedded
/// emulator, the file read back and checked against the run's `--summary-json`.
@Suite(.serialized)
struct MetricsFileCommandTests {
    /// A manifest of `valid` symmetric-key enrollments, and `invalid` rows with no key.
    static func manifest(valid: Int, invalid: Int, prefix: String, in directory: URL) throws -> String {
        var lines = ["registrationId,attestation,primaryKey,iotHubHostName"]
        for index in 0..<valid {
            let key = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &+ index &* 7) }).base64EncodedString()
            lines.append("\(prefix)-\(index),symmetricKey,\(key),hub.azure-devices.net")
        }
        for index in 0..<invalid { lines.append("\(prefix)-bad \(index),symmetricKey,,") }
        let path = directory.appendingPathComponent("\(prefix).csv").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func importing(_ manifest: String, metrics: String, in home: URL) throws -> CLIRunner.Result {
        try CLIRunner.run(
            [
                "import", "--emulator", "--quiet", manifest, "--journal", manifest + ".journal",
                "--summary-json", manifest + ".summary.json", "--metrics-file", metrics,
            ],
            environment: ["DPSBULK_HOME": home.path]
        )
    }

    static func summary(_ manifest: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: manifest + ".summary.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func anImportWritesItsCountsAndASuccessTimestamp() throws {
        let home = try CLIRunner.temporaryDirectory()
        let manifest = try Self.manifest(valid: 23, invalid: 0, prefix: "metrics-ok", in: home)
        let metricsPath = home.appendingPathComponent("dpsbulk.prom").path
        let started = Date().timeIntervalSince1970
        let run = try Self.importing(manifest, metrics: metricsPath, in: home)
        let ended = Date().timeIntervalSince1970
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let summary = try Self.summary(manifest)
        let samples = try PrometheusSamples(String(contentsOfFile: metricsPath, encoding: .utf8))
        let command = ["command": "import"]
        for outcome in ["succeeded", "failed", "conflict", "skipped"] {
            let expected = try #require(summary[outcome == "conflict" ? "conflicts" : outcome] as? Int)
            #expect(
                samples["dpsbulk_records_total", command.merging(["outcome": outcome]) { $1 }] == Double(expected),
                "\(outcome)"
            )
        }
        #expect(samples["dpsbulk_records_total", command.merging(["outcome": "succeeded"]) { $1 }] == 23)
        let requests = try #require(summary["requests"] as? Int)
        #expect(requests >= 3)
        #expect(samples["dpsbulk_requests_total", command] == Double(requests))
        #expect(samples["dpsbulk_throttled_requests_total", command] == Double(summary["throttled"] as? Int ?? -1))
        #expect(samples["dpsbulk_retries_total", command] == Double(summary["retries"] as? Int ?? -1))
        #expect((samples["dpsbulk_bytes_total", command.merging(["direction": "sent"]) { $1 }] ?? 0) > 23 * 44)
        #expect((samples["dpsbulk_bytes_total", command.merging(["direction": "received"]) { $1 }] ?? 0) > 0)
        let success = try #require(samples["dpsbulk_last_success_timestamp_seconds", command])
        #expect(success >= started && success <= ended)
        let duration = try #require(samples["dpsbulk_run_duration_seconds", command])
        #expect(duration > 0 && duration <= ended - started)
        #expect(samples.types["dpsbulk_records_total"] == "counter")
        #expect(samples.types["dpsbulk_last_success_timestamp_seconds"] == "gauge")
        let attributes = try FileManager.default.attributesOfItem(atPath: metricsPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    /// A run that fails rewrites the file with its own counts, but keeps the last success of the run before:
    /// "when did the import last succeed" survives the failure that makes it worth asking.
    @Test func aFailedRunKeepsTheLastSuccessOfTheRunBefore() throws {
        let home = try CLIRunner.temporaryDirectory()
        let metricsPath = home.appendingPathComponent("dpsbulk.prom").path
        let good = try Self.manifest(valid: 4, invalid: 0, prefix: "metrics-first", in: home)
        #expect(try Self.importing(good, metrics: metricsPath, in: home).status == 0)
        let first = try PrometheusSamples(String(contentsOfFile: metricsPath, encoding: .utf8))
        let firstSuccess = try #require(first["dpsbulk_last_success_timestamp_seconds", ["command": "import"]])

        let bad = try Self.manifest(valid: 3, invalid: 2, prefix: "metrics-second", in: home)
        let second = try Self.importing(bad, metrics: metricsPath, in: home)
        #expect(second.status == 1, "\(second.stdout)\(second.stderr)")
        let samples = try PrometheusSamples(String(contentsOfFile: metricsPath, encoding: .utf8))
        #expect(samples["dpsbulk_last_success_timestamp_seconds", ["command": "import"]] == firstSuccess)
        #expect(samples["dpsbulk_records_total", ["command": "import", "outcome": "skipped"]] == 2)
        #expect(samples["dpsbulk_records_total", ["command": "import", "outcome": "succeeded"]] == 3)
    }

    /// "Did last night's backup run" is asked of the runs that were stopped: SIGTERM still writes the file, with
    /// what was done and no success.
    @Test func aRunStoppedBySIGTERMStillWritesItsMetrics() async throws {
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try Self.manifest(valid: 200, invalid: 0, prefix: "metrics-stop", in: directory)
        let metricsPath = directory.appendingPathComponent("stop.prom").path
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        // 20 requests at 40 a minute: 30 s of work, which the signal interrupts.
        let running = try CLIRunner.Running(
            [
                "import", "--quiet", "--operations-per-minute", "40", "--journal", manifest + ".journal",
                "--summary-json", manifest + ".summary.json", "--metrics-file", metricsPath, manifest,
            ],
            environment: ["DPS_CONNECTION_STRING": emulator.connectionString]
        )
        try await Task.sleep(for: .seconds(4))
        #expect(running.process.isRunning, "the import ended before the signal")
        kill(running.process.processIdentifier, SIGTERM)
        let stopped = await running.finish()
        #expect(stopped.status == 143, "\(stopped.stdout)\(stopped.stderr)")
        let summary = try Self.summary(manifest)
        let samples = try PrometheusSamples(String(contentsOfFile: metricsPath, encoding: .utf8))
        let succeeded = try #require(summary["succeeded"] as? Int)
        #expect(succeeded > 0 && succeeded < 200)
        #expect(samples["dpsbulk_records_total", ["command": "import", "outcome": "succeeded"]] == Double(succeeded))
        #expect(samples["dpsbulk_requests_total", ["command": "import"]] == Double(summary["requests"] as? Int ?? -1))
        #expect(samples["dpsbulk_last_success_timestamp_seconds", ["command": "import"]] == nil)
        #expect((samples["dpsbulk_run_duration_seconds", ["command": "import"]] ?? 0) >= 4)
    }

    @Test func aFailedFirstRunHasNoLastSuccess() throws {
        let home = try CLIRunner.temporaryDirectory()
        let metricsPath = home.appendingPathComponent("validate.prom").path
        let run = try CLIRunner.run(["validate", "--metrics-file", metricsPath, "samples/errors.csv"])
        #expect(run.status == 1)
        let samples = try PrometheusSamples(String(contentsOfFile: metricsPath, encoding: .utf8))
        let command = ["command": "validate"]
        #expect(samples["dpsbulk_last_success_timestamp_seconds", command] == nil)
        // The counts of the human summary line: "51 rows read, 2 valid, 6 with warnings only, 43 with errors".
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("rows read") })
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Double($0) }
        #expect(samples["dpsbulk_records_total", command.merging(["outcome": "valid"]) { $1 }] == numbers[2])
        #expect(samples["dpsbulk_records_total", command.merging(["outcome": "warning"]) { $1 }] == numbers[3])
        #expect(samples["dpsbulk_records_total", command.merging(["outcome": "invalid"]) { $1 }] == numbers[4])
    }

    /// A diff counts its comparison, as the last line of its output says it.
    @Test(arguments: [
        ("samples/factory-tpm.csv", Int32(0), ["same": 6.0, "changed": 0, "missing": 0, "extra": 0]),
        ("samples/factory-symmetric.csv", 1, ["same": 0, "changed": 0, "missing": 6, "extra": 6]),
    ])
    func aDiffCountsItsComparison(target: String, status: Int32, expected: [String: Double]) throws {
        let directory = try CLIRunner.temporaryDirectory()
        let metricsPath = directory.appendingPathComponent("diff.prom").path
        let run = try CLIRunner.run([
            "diff", "--source", "samples/factory-tpm.csv", "--target", target, "--metrics-file", metricsPath,
        ])
        #expect(run.status == status, "\(run.stdout)\(run.stderr)")
        let samples = try PrometheusSamples(String(contentsOfFile: metricsPath, encoding: .utf8))
        for (outcome, value) in expected {
            #expect(samples["dpsbulk_records_total", ["command": "diff", "outcome": outcome]] == value, "\(outcome)")
        }
        #expect((samples["dpsbulk_last_success_timestamp_seconds", ["command": "diff"]] != nil) == (status == 0))
    }

    @Test(arguments: ["no-such-directory/m.prom", "."])
    func aFileThatCannotBeWrittenIsRefusedBeforeTheRun(path: String) throws {
        let run = try CLIRunner.run(["validate", "--metrics-file", path, "samples/factory-tpm.csv"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--metrics-file '\(path)'"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
