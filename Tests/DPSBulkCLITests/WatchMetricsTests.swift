import AsyncHTTPClient
import Foundation
import Testing

/// `dpsbulk watch --metrics-address`: a real scrape of the running watcher over loopback.
struct WatchMetricsTests {
    @Test func theJobsGaugeIsServedOnLoopbackAndCountsAFiledJob() async throws {
        let inbox = try CLIRunner.temporaryDirectory()
        let home = try CLIRunner.temporaryDirectory()
        let log = home.appendingPathComponent("watch.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = [
            "watch", "--emulator", "--poll-interval", "0.2", "--metrics-address", "127.0.0.1:0", inbox.path,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(["DPSBULK_HOME": home.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var endpoint: String?
        let deadline = Date().addingTimeInterval(20)
        while endpoint == nil, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            let text = try String(contentsOf: log, encoding: .utf8)
            endpoint = text.firstMatch(of: #/metrics served on (http://127\.0\.0\.1:\d+/metrics)/#).map { String($0.1) }
        }
        let url = try #require(endpoint, "no metrics line: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let before = try await Self.scrape(url, http)
            #expect(before.contains(#"dpsbulk_watch_jobs{state="done"} 0"#), "\(before)")
            try WatchCommandTests.manifest("scraped", rows: 3).write(to: inbox.appendingPathComponent("scraped.csv"))
            // The gauge moves once the job is filed (after its file shows in done/): scrape until it does.
            var after = ""
            let filed = Date().addingTimeInterval(30)
            while !after.contains(#"state="done"} 1"#), Date() < filed {
                try await Task.sleep(for: .milliseconds(100))
                after = try await Self.scrape(url, http)
            }
            #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("done/scraped.csv").path))
            #expect(after.contains(#"dpsbulk_watch_jobs{state="done"} 1"#), "\(after)")
            #expect(after.contains(#"dpsbulk_watch_jobs{state="importing"} 0"#), "\(after)")
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    static func scrape(_ url: String, _ http: HTTPClient) async throws -> String {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        #expect(response.status.code == 200)
        let body = try await response.body.collect(upTo: 1 << 20)
        return String(decoding: body.readableBytesView, as: UTF8.self)
    }
}
