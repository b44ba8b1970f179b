import DPSClient
import DPSModel
import Foundation
import Testing

/// Issue 14.2 and 15.5: processes on one host share an instance's quota; the embedded emulator needs no pacing.
struct SharedQuotaCommandTests {
    /// A symmetric-key manifest of `rows` devices named `prefix-N`.
    static func manifest(rows: Int, prefix: String, in directory: URL) throws -> String {
        var lines = ["registrationId,attestation,primaryKey,secondaryKey"]
        for index in 0..<rows {
            let key = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &+ index &* 13) }).base64EncodedString()
            lines.append("\(prefix)-\(index),symmetricKey,\(key),\(key)")
        }
        let path = directory.appendingPathComponent("\(prefix).csv").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The `--summary-json` file at `path`.
    static func summary(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    /// Spends the emulator's burst (a full minute's budget at start) with cheap reads until it throttles, so that
    /// what follows meets the steady quota at once instead of after a minute, and runs `next` at that moment, before
    /// the reads still in flight end and the client shuts down (the bucket refills meanwhile: seconds on a loaded
    /// machine, which let the next step start with tokens in hand). Returns when the bucket was empty and `next`'s
    /// value.
    static func spendTheBurst<T>(
        of connectionString: String,
        then next: () throws -> T
    ) async throws -> (emptyAt: ContinuousClock.Instant, value: T) {
        let connection = try ConnectionString(parsing: connectionString)
        return try await HTTPClientFactory.withClient(connections: 16) { http in
            let client = DPSServiceClient(connectionString: connection, http: http)
            return try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        for _ in 0..<10_000 where !Task.isCancelled {
                            do throws(DPSRequestError) {
                                _ = try await client.enrollment("burst")
                            } catch {
                                if case .service(429, _, _, _) = error.kind { return true }
                            }
                        }
                        return false
                    }
                }
                let spent = try await group.next() ?? false
                let emptyAt = ContinuousClock.now
                let value = try next()
                group.cancelAll()
                #expect(spent)
                return (emptyAt, value)
            }
        }
    }

    @Test func twoImportsAtOnceStayUnderTheQuotaTheyShare() async throws {
        // 900 a minute is 15 a second: two imports of 2,500 rows (500 bulk requests) take about 35 s.
        let quota = 900.0
        let emulator = try EmulatorProcess(arguments: ["--operations-per-minute", "\(Int(quota))"])
        defer { emulator.stop() }
        let directory = try CLIRunner.temporaryDirectory()
        let manifests = try ["a", "b"].map { try Self.manifest(rows: 2500, prefix: $0, in: directory) }
        let environment = [
            "DPS_CONNECTION_STRING": emulator.connectionString,
            "DPSBULK_HOME": directory.appendingPathComponent("home").path,
        ]
        let (started, runs) = try await Self.spendTheBurst(of: emulator.connectionString) {
            try manifests.map { manifest in
                try CLIRunner.Running(
                    ["import", "--quiet", "--concurrency", "4", "--summary-json", manifest + ".json", manifest],
                    environment: environment
                )
            }
        }
        var results: [CLIRunner.Result] = []
        for run in runs { results.append(await run.finish()) }
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        let summaries = try manifests.map { try Self.summary($0 + ".json") }
        let requests = summaries.map { $0["requests"] as? Int ?? 0 }.reduce(0, +)
        let throttled = summaries.map { $0["throttled"] as? Int ?? 0 }.reduce(0, +)
        #expect(summaries.allSatisfy { $0["succeeded"] as? Int == 2500 })
        // As bench/quota.sh counts it: accepted operations over the most the quota allows in the time, here from the
        // moment the burst was spent (the bucket empty) until both imports ended.
        let used = Double(requests - throttled) / (quota / 60 * seconds)
        let share = Double(throttled) / Double(max(1, requests))
        print("two shared imports: \(requests) requests, \(throttled) throttled, \(seconds) s, quota used \(used)")
        #expect(share <= 0.02)
        #expect(used >= 0.9)
        // The state both shared: one file for the emulator's host and port, the owner's only.
        let port = emulator.connectionString.split(separator: ";")[0].split(separator: ":").last.map(String.init) ?? ""
        let state = directory.appendingPathComponent("home/quota/127.0.0.1_\(port).json").path
        let mode = try FileManager.default.attributesOfItem(atPath: state)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test func anEmbeddedEmulatorImportSendsWithoutPacing() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try Self.manifest(rows: 3000, prefix: "embedded", in: directory)
        let result = try CLIRunner.run(
            ["import", "--emulator", "--quiet", "--summary-json", manifest + ".json", manifest],
            environment: ["DPSBULK_HOME": directory.appendingPathComponent("home").path]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.summary(manifest + ".json")
        #expect(summary["succeeded"] as? Int == 3000)
        #expect((summary["requests"] as? Int ?? 0) >= 300)
        // Not the slow start at 1,000 a minute: no request waited for a send slot at all.
        #expect(summary["pacing"] as? String == "unpaced")
        #expect(summary["pacingWaitSeconds"] as? Double == 0)
        // The embedded emulator is this process's own: nothing is shared.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("home/quota").path))
    }

    @Test func theSameImportAgainstAnOutsideEmulatorSlowStarts() throws {
        // The control of the test above: an emulator dpsbulk did not start has an unknown quota, so `auto` starts at
        // 1,000 a minute and its requests wait for their slots.
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try Self.manifest(rows: 500, prefix: "outside", in: directory)
        let result = try CLIRunner.run(
            ["import", "--quiet", "--summary-json", manifest + ".json", manifest],
            environment: [
                "DPS_CONNECTION_STRING": emulator.connectionString,
                "DPSBULK_HOME": directory.appendingPathComponent("home").path,
            ]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.summary(manifest + ".json")
        #expect(summary["pacing"] as? String == "auto")
        #expect((summary["pacingWaitSeconds"] as? Double ?? 0) > 0)
    }

    @Test func aSharedQuotaSettingOtherThanOnOrOffIsRefused() throws {
        let result = try CLIRunner.run(
            ["import", "--quiet", "samples/factory-tpm.csv"],
            environment: [
                "DPSBULK_SHARED_QUOTA": "sometimes",
                // Nothing listens on the discard port; the setting is refused before any connection.
                "DPS_CONNECTION_STRING": "HostName=127.0.0.1:9;SharedAccessKeyName=owner;SharedAccessKey=a2V5",
            ]
        )
        #expect(result.status == 2)
        #expect(result.stderr.contains("DPSBULK_SHARED_QUOTA must be on or off, not 'sometimes'"))
    }
}
