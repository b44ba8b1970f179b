import AsyncHTTPClient
import DPSClient
import DPSModel
import Foundation
import Testing

/// Issue 10's cases on the real binary: nothing a peer or a file sends crashes, starves or fools dpsbulk.
@Suite(.serialized)
struct HostileInputCommandTests {
    static let key32 = Data((0..<32).map { UInt8($0) }).base64EncodedString()

    static func write(_ text: String, to name: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func mode(of path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
    }

    // MARK: - The emulator

    @Test(arguments: [["--key", ""], ["--key", "AQ=="]])
    func theEmulatorRefusesAShortKey(arguments: [String]) throws {
        let result = try CLIRunner.run(["emulator", "--port", "0"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("at least 16 bytes"), "\(result.stderr)")
    }

    @Test func theEmulatorRefusesAShortKeyFromTheEnvironment() throws {
        let result = try CLIRunner.run(["emulator", "--port", "0"], environment: ["DPS_EMULATOR_KEY": ""])
        #expect(result.status == 2)
        #expect(result.stderr.contains("DPS_EMULATOR_KEY"))
    }

    @Test func theEmulatorProcessSurvivesHostileTokens() async throws {
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let connection = try ConnectionString(parsing: emulator.connectionString)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            for se in ["nan", "-inf", "-1e300", "-1e12", "-9.3e11", "inf", "1e30"] {
                var request = HTTPClientRequest(
                    url: connection.baseURL.absoluteString + "/enrollments/x?api-version=2021-10-01"
                )
                request.headers.add(name: "Authorization", value: "SharedAccessSignature sr=x&sig=x&se=\(se)")
                let response = try await http.execute(request, timeout: .seconds(10))
                #expect(response.status.code == 401, "se=\(se)")
                _ = try await response.body.collect(upTo: 1 << 20)
            }
            #expect(emulator.process.isRunning)
            let client = DPSServiceClient(connectionString: connection, http: http)
            // Still serving: a signed request for an unknown enrollment is a 404, not a dropped connection.
            do {
                _ = try await client.enrollment("x")
                Issue.record("expected 404")
            } catch {
                #expect(error.status == 404, "\(error)")
            }
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    // MARK: - Numbers from options

    @Test func dryRunRefusesAnAbsurdRateAndAcceptsTheMaximum() throws {
        let huge = try CLIRunner.run([
            "import", "--dry-run", "--operations-per-minute", "9223372036854775807", "samples/factory-tpm.csv",
        ])
        #expect(huge.status == 2)
        #expect(huge.stderr.contains("'9223372036854775807' is invalid for '--operations-per-minute"), "\(huge.stderr)")
        let maximum = try CLIRunner.run([
            "import", "--dry-run", "--operations-per-minute", "100000000", "samples/factory-tpm.csv",
        ])
        #expect(maximum.status == 0, "\(maximum.stderr)")
        #expect(maximum.stdout.contains("time at 100000000 operations per minute"))
    }

    @Test(arguments: ["0", "1001", "-1"])
    func exportRefusesAPageSizeOutsideTheServiceRange(pageSize: String) throws {
        let result = try CLIRunner.run(["export", "--emulator", "--out", "/tmp/never.jsonl", "--page-size", pageSize])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--page-size"))
    }

    // MARK: - Files

    @Test func validateEscapesControlCharactersOfTheManifest() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let manifest = try Self.write(
            "registrationId,attestation\nevil\u{1B}]0;pwned\u{07}\u{202E},symmetricKey\n",
            to: "m.csv",
            in: directory
        )
        let result = try CLIRunner.run(["validate", manifest])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}"))
        #expect(!result.stdout.contains("\u{202E}"))
        #expect(result.stdout.contains("evil\\x1B]0;pwned\\x07\\u{202E}"), "\(result.stdout)")
    }

    @Test func aMillionEmptyFieldsIsAClearErrorNotGigabytes() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let wide = String(repeating: ",", count: 1_000_000)
        let manifest = try Self.write(
            "registrationId,attestation\n" + String(repeating: "a,symmetricKey\(wide)\n", count: 20),
            to: "w.csv",
            in: directory
        )
        let result = try CLIRunner.run(["validate", "--allow-unknown-columns", manifest])
        #expect(result.status == 2)
        #expect(result.stderr.contains("too-many-fields"), "\(result.stderr)")
    }

    // MARK: - Answers from the service

    /// A stand-in service that answers every request 429 with the given `Retry-After`.
    final class ThrottlingServer: @unchecked Sendable {
        let process = Process()
        let port: Int

        init(retryAfter: String) throws {
            let directory = try CLIRunner.temporaryDirectory()
            let portFile = directory.appendingPathComponent("port").path
            let script = """
                import http.server, sys
                class H(http.server.BaseHTTPRequestHandler):
                    def answer(self):
                        length = int(self.headers.get('Content-Length') or 0)
                        self.rfile.read(length)
                        body = b'{"errorCode":429001,"message":"throttled"}'
                        self.send_response(429)
                        self.send_header('Retry-After', sys.argv[2])
                        self.send_header('Content-Type', 'application/json')
                        self.send_header('Content-Length', str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                    do_GET = do_POST = do_PUT = do_DELETE = answer
                    def log_message(self, *args): pass
                server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)
                open(sys.argv[1], 'w').write(str(server.server_address[1]))
                server.serve_forever()
                """
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, portFile, retryAfter]
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            var port: Int?
            while port == nil && Date() < deadline {
                port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0) }
                if port == nil { Thread.sleep(forTimeInterval: 0.05) }
            }
            guard let port else {
                kill(process.processIdentifier, SIGKILL)
                throw CocoaError(.executableLoad)
            }
            self.port = port
        }

        /// SIGKILL: a child of the test runner may inherit a signal mask that blocks SIGTERM.
        func stop() {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
    }

    @Test(arguments: ["99999999999999999999", "10000000000"])
    func anEndlessRetryAfterStopsTheRunAtOnce(retryAfter: String) throws {
        let server = try ThrottlingServer(retryAfter: retryAfter)
        defer { server.stop() }
        let directory = try CLIRunner.temporaryDirectory()
        let started = Date()
        let result = try CLIRunner.run(
            [
                "import", "--quiet", "--journal", directory.appendingPathComponent("j").path,
                "samples/factory-symmetric.csv",
            ],
            environment: [
                "DPS_CONNECTION_STRING":
                    "HostName=http://127.0.0.1:\(server.port);SharedAccessKeyName=o;SharedAccessKey=\(Self.key32)"
            ]
        )
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("Retry-After"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test func anUntrustedCertificateFailsFastNamingCaCert() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0)
        let emulator = try EmulatorProcess(arguments: ["--tls-cert", certificate, "--tls-key", key])
        defer { emulator.stop() }
        let environment = ["DPS_CONNECTION_STRING": emulator.connectionString]
        let journal = directory.appendingPathComponent("j").path
        let started = Date()
        let untrusted = try CLIRunner.run(
            ["import", "--quiet", "--journal", journal, "samples/factory-symmetric.csv"],
            environment: environment
        )
        #expect(untrusted.status == 3, "\(untrusted.stderr)")
        #expect(untrusted.stderr.contains("--ca-cert"), "\(untrusted.stderr)")
        #expect(!untrusted.stderr.contains("run the same command again"))
        #expect(Date().timeIntervalSince(started) < 30)

        let missing = directory.appendingPathComponent("no-such-ca.pem").path
        let unloadable = try CLIRunner.run(
            ["import", "--quiet", "--journal", journal, "--ca-cert", missing, "samples/factory-symmetric.csv"],
            environment: environment
        )
        #expect(unloadable.status == 2)
        #expect(unloadable.stderr.contains(missing), "\(unloadable.stderr)")

        let trusted = try CLIRunner.run(
            ["import", "--quiet", "--journal", journal, "--ca-cert", certificate, "samples/factory-symmetric.csv"],
            environment: environment
        )
        #expect(trusted.status == 0, "\(trusted.stderr)")
    }

    // MARK: - Secrets at rest, a full disk, --force

    @Test func reportsAndTheEmbeddedRegistryAreOwnerOnly() throws {
        let home = try CLIRunner.temporaryDirectory()
        let env = ["DPSBULK_HOME": home.path]
        let journal = home.appendingPathComponent("u.journal").path
        // An update of enrollments that do not exist: every record fails, so the report has them all, keys included.
        let run = try CLIRunner.run(
            [
                "import", "--emulator", "--quiet", "--mode", "update", "--journal", journal,
                "samples/factory-symmetric.csv",
            ],
            environment: env
        )
        #expect(run.status == 1, "\(run.stderr)")
        let out = home.appendingPathComponent("report.csv").path
        try "old".write(toFile: out, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: out)
        let report = try CLIRunner.run(["report", journal, "--out", out])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try Self.mode(of: out) == 0o600)
        let registry = home.appendingPathComponent("emulator/registry.sqlite").path
        #expect(try Self.mode(of: registry) == 0o600)
    }

    @Test func aFullDiskStopsWithExit3() throws {
        let home = try CLIRunner.temporaryDirectory()
        let result = try CLIRunner.run(
            [
                "import", "--emulator", "--quiet", "--journal", home.appendingPathComponent("j").path,
                "--summary-json", "/dev/full", "samples/factory-symmetric.csv",
            ],
            environment: ["DPSBULK_HOME": home.path]
        )
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("disk is full"))
    }

    @Test func aFullStandardOutputExitsCleanlyNotWithATrap() throws {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["validate", "samples/errors.csv"]
        process.currentDirectoryURL = CLIRunner.repositoryRoot
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 3)
    }

    @Test func anEmulatorTLSFileThatDoesNotLoadIsNamed() throws {
        let missing = "/nonexistent/emulator-cert.pem"
        let result = try CLIRunner.run(["emulator", "--port", "0", "--tls-cert", missing, "--tls-key", missing])
        #expect(result.status != 0)
        #expect(result.stderr.contains(missing), "\(result.stderr)")
    }

    @Test func forceOnAChangedManifestResendsEveryRecord() throws {
        let home = try CLIRunner.temporaryDirectory()
        let env = ["DPSBULK_HOME": home.path]
        let journal = home.appendingPathComponent("f.journal").path
        func manifest(_ rows: [(String, UInt8)]) throws -> String {
            let lines = rows.map { id, seed in
                "\(id),symmetricKey,\(Data(repeating: seed, count: 32).base64EncodedString())"
            }
            return try Self.write(
                (["registrationId,attestation,primaryKey"] + lines).joined(separator: "\n"),
                to: "m.csv",
                in: home
            )
        }
        let path = try manifest([("f-1", 1), ("f-2", 2), ("f-3", 3)])
        let first = try CLIRunner.run(
            ["import", "--emulator", "--quiet", "--journal", journal, path],
            environment: env
        )
        #expect(first.status == 0, "\(first.stderr)")

        // The manifest changed: refused without --force, naming it.
        _ = try manifest([("f-1", 1), ("f-2", 9), ("f-3", 3)])
        let refused = try CLIRunner.run(
            ["import", "--emulator", "--quiet", "--journal", journal, path],
            environment: env
        )
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"), "\(refused.stderr)")

        // Forced: the run starts over, so f-2's new key is not skipped as done (the old report said "succeeded" and
        // left the old key). Create meets the enrollments already there: f-1 and f-3 have the same content (already
        // enrolled, a success), f-2 another key (a conflict, reported).
        let forced = try CLIRunner.run(
            ["import", "--emulator", "--quiet", "--force", "--journal", journal, path],
            environment: env
        )
        #expect(forced.status == 1, "\(forced.stdout)\(forced.stderr)")
        #expect(forced.stdout.contains("2 succeeded") && forced.stdout.contains("1 conflicts"), "\(forced.stdout)")
        #expect(forced.stdout.contains("2 already enrolled"), "\(forced.stdout)")
        let report = home.appendingPathComponent("conflicts.csv").path
        #expect(try CLIRunner.run(["report", journal, "--out", report]).status == 0)
        #expect(
            try String(contentsOfFile: report, encoding: .utf8).contains(
                Data(repeating: 9, count: 32)
                    .base64EncodedString()
            )
        )

        // Reordered rows, forced: not a record mismatch (exit 2) that marks the journal interrupted; the run starts
        // over and completes (f-1 and f-3 already enrolled, f-2 still a conflict).
        _ = try manifest([("f-3", 3), ("f-1", 1), ("f-2", 9)])
        let again = try CLIRunner.run(
            ["import", "--emulator", "--quiet", "--force", "--journal", journal, path],
            environment: env
        )
        #expect(again.status == 1, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("3 records"), "\(again.stdout)")
        let status = try CLIRunner.run(["status", journal])
        #expect(status.stdout.contains("completed"), "\(status.stdout)")
        #expect(!status.stdout.contains("interrupted"), "\(status.stdout)")
    }
}
