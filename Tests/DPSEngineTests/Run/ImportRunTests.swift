import DPSClient
import DPSEmulator
import DPSEngine
import DPSJournal
import DPSModel
import Foundation
import Testing

/// `ImportRun` owns the journal and the HTTP client: both are closed on every path.
struct ImportRunTests {
    static func run(_ manifest: String, journal: String, target: String, caCertificate: String? = nil) -> ImportRun {
        var configuration = ImportConfiguration()
        configuration.concurrency = try! Concurrency(3)
        configuration.pace = .perMinute(100_000)
        return ImportRun(
            configuration: configuration,
            manifestPath: manifest,
            journalPath: journal,
            target: ServiceTarget(try! ConnectionString(parsing: target)),
            caCertificatePath: caCertificate,
            version: "test"
        )
    }

    static let unreachable = "HostName=127.0.0.1:9;SharedAccessKeyName=owner;SharedAccessKey=a2V5"

    @Test func aSetupThatThrowsAfterTheJournalIsOpenClosesTheJournal() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 3, in: directory)
        let journal = directory.appendingPathComponent("throws.journal").path
        let missingCA = directory.appendingPathComponent("no-such-ca.pem").path
        let run = Self.run(manifest, journal: journal, target: Self.unreachable, caCertificate: missingCA)
        await #expect(throws: (any Error).self) { _ = try await run.run() }
        // The journal was created, then released: it opens again in this process, and its lock can be taken.
        #expect(FileManager.default.fileExists(atPath: journal))
        let lock = try JournalLock.acquire(forJournalAt: journal)
        lock.release()
        let reopened = try Journal.openForReading(at: journal)
        try reopened.close()
    }

    @Test func aRunClosesTheJournalAndRecordsItsOptionsAsJSON() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 25, in: directory)
        let journal = directory.appendingPathComponent("ok.journal").path
        let end = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, _ in
            try await Self.run(manifest, journal: journal, target: endpoint.connectionString).run()
        }
        let summary = try end.outcome.get()
        #expect(summary.succeeded == 25 && summary.isComplete)
        #expect(end.summary == summary)
        let lock = try JournalLock.acquire(forJournalAt: journal)
        lock.release()
        let reopened = try Journal.openForReading(at: journal)
        defer { try? reopened.close() }
        #expect(try reopened.run().options == #"{"concurrency":3,"operationsPerMinute":"100000","strict":false}"#)
    }

    @Test func aJournalInUseIsRefusedBeforeAnythingIsSent() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 3, in: directory)
        let journal = directory.appendingPathComponent("busy.journal").path
        let lock = try JournalLock.acquire(forJournalAt: journal)
        defer { lock.release() }
        await #expect(throws: JournalError.journalInUse) {
            _ = try await Self.run(manifest, journal: journal, target: Self.unreachable).run()
        }
    }
}
