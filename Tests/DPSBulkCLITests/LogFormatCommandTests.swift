import Foundation
import Testing

/// `--log-format json`: standard error is JSON lines a log shipper reads, and the human default is unchanged.
@Suite(.serialized)
struct LogFormatCommandTests {
    /// Every line of `stderr` as an object with an RFC 3339 time, a level and a message; fails the test otherwise.
    static func records(_ stderr: String) throws -> [[String: Any]] {
        try stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                "not a JSON object: \(line)"
            )
            let time = try #require(object["time"] as? String, "\(line)")
            #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(time)")
            #expect(object["level"] is String && object["message"] is String && object["fields"] is [String: Any])
            return object
        }
    }

    @Test func anImportLogsItsWarningProgressAndErrorAsJSONLines() throws {
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try MetricsFileCommandTests.manifest(valid: 3, invalid: 1, prefix: "log", in: directory)
        let run = try CLIRunner.run([
            "import", "--log-format", "json", "--connection-string", emulator.connectionString, manifest,
            "--journal", manifest + ".journal",
        ])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.hasSuffix("\n"))
        let records = try Self.records(run.stderr)
        let warning = try #require(records.first { $0["level"] as? String == "warning" })
        #expect((warning["message"] as? String)?.contains("visible to other users in `ps`") == true)
        let progress = records.filter { $0["message"] as? String == "progress" }
        let finished = try #require(progress.last?["fields"] as? [String: String])
        #expect(finished["phase"] == "finished")
        #expect(finished["done"] == "4")
        // The connection string's key is never logged.
        let key = try #require(
            emulator.connectionString.split(separator: ";").first { $0.hasPrefix("SharedAccessKey=") }
        )
        #expect(!run.stderr.contains(key.dropFirst("SharedAccessKey=".count)))
        // The summary is a result: on stdout, as before.
        #expect(run.stdout.contains("4 records: 3 succeeded, 0 failed, 0 conflicts, 1 skipped as invalid"))
    }

    @Test func anErrorAtExitIsAJSONLineWithTheExitStatus() throws {
        let run = try CLIRunner.run(["validate", "--log-format", "json", "samples/no-such-manifest.csv"])
        #expect(run.status == 2)
        let records = try Self.records(run.stderr)
        #expect(records.count == 1)
        #expect(records.first?["level"] as? String == "error")
        #expect((records.first?["message"] as? String)?.contains("no-such-manifest.csv") == true)
    }

    @Test func controlCharactersFromInputStayInsideTheirLine() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let name = directory.appendingPathComponent("evil\u{1B}[2J\nname.csv").path
        let run = try CLIRunner.run(["import", "--log-format", "json", "--emulator", name])
        #expect(run.status == 2)
        let records = try Self.records(run.stderr)
        #expect(records.count == 1)
        #expect(!run.stderr.contains("\u{1B}"))
    }

    @Test func theHumanDefaultIsUnchanged() throws {
        let run = try CLIRunner.run(["validate", "samples/no-such-manifest.csv"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("dpsbulk: "), "\(run.stderr)")
        #expect(!run.stderr.contains("{\"time\""))
    }
}
