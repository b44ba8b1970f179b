import AsyncHTTPClient
import DPSClient
import DPSEmulator
import DPSEngine
import DPSJournal
import DPSModel
import Foundation
import Testing

/// Runs imports against a real in-process emulator with a real journal file.
enum ImportHarness {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A CSV manifest of `count` symmetric-key devices with explicit keys (so content can be compared fully).
    static func symmetricManifest(
        count: Int,
        prefix: String = "dev",
        extraRows: [String] = [],
        in directory: URL
    ) throws -> String {
        var lines = ["registrationId,attestation,primaryKey,secondaryKey,provisioningStatus,initialTwin"]
        for index in 0..<count {
            lines.append(
                "\(prefix)-\(index),symmetricKey,\(key(index, 1)),\(key(index, 2)),enabled,"
                    + "\"{\"\"tags\"\":{\"\"n\"\":\"\"\(index)\"\"}}\""
            )
        }
        lines += extraRows
        let path = directory.appendingPathComponent("\(prefix).csv").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Loads the TPM, symmetric-key and mixed samples (X.509 and symmetric groups, twins, an unknown field):
    /// 15 enrollments and 2 groups.
    static func loadSamples(_ endpoint: EmulatorEndpoint, in directory: URL) async throws {
        for sample in ["factory-tpm.csv", "factory-symmetric.csv", "mixed.jsonl"] {
            let summary = try await run(
                ImportEngineTests.samples.appendingPathComponent(sample).path,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("\(sample).journal").path
            )
            #expect(summary.isComplete)
        }
    }

    static func key(_ index: Int, _ which: Int) -> String {
        Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index &* 31 &+ which) }).base64EncodedString()
    }

    static func descriptor(_ manifest: String, host: String, mode: RunMode) throws -> RunDescriptor {
        let digest = try ManifestDigest.sha256(ofFileAt: manifest)
        return try RunDescriptor(
            manifestPath: manifest,
            manifestSHA256: digest,
            targetHost: TargetHost(host),
            mode: mode,
            dpsbulkVersion: "test"
        )
    }

    /// Imports `manifest` into the emulator behind `endpoint` with a journal at `journalPath`.
    static func run(
        _ manifest: String,
        endpoint: EmulatorEndpoint,
        journalPath: String,
        key: String? = nil,
        configure: (inout ImportConfiguration) -> Void = { _ in }
    ) async throws -> RunSummary {
        var configuration = ImportConfiguration()
        configuration.retryPolicy = try RetryPolicy(maximumAttempts: 10, baseDelay: 0.01, maximumDelay: 0.2)
        configure(&configuration)
        var connection = try ConnectionString(parsing: endpoint.connectionString)
        if let key { connection.key = key }
        let http = try HTTPClientFactory.make(connections: configuration.concurrency.value)
        let journal = try Journal.open(
            at: journalPath,
            run: try descriptor(manifest, host: connection.host, mode: configuration.mode)
        )
        do {
            let engine = try ImportEngine(
                configuration: configuration,
                client: DPSServiceClient(connectionString: connection, http: http),
                journal: journal
            )
            let summary = try await engine.run(manifestPath: manifest)
            try journal.close()
            try await http.shutdown()
            return summary
        } catch {
            try? journal.close()
            try? await http.shutdown()
            throw error
        }
    }
}
