import DPSEmulator
import DPSEngine
import DPSJournal
import Foundation
import Testing

/// How an import reads bulk answers, end to end: a real emulator over loopback HTTP, a real journal.
@Suite struct ImportOutcomeTests {
    @Test func successesListedInErrorsAreSuccessesAndNotSentAgainOnResume() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 25, in: directory)
        let journal = directory.appendingPathComponent("listed.journal").path
        var configuration = EmulatorConfiguration()
        configuration.bulkResultsListSuccesses = true
        _ = try await EmulatorServer.withRunning(configuration) { endpoint, registry in
            let first = try await ImportHarness.run(manifest, endpoint: endpoint, journalPath: journal)
            #expect(first.succeeded == 25 && first.failed == 0 && first.conflicts == 0, "\(first)")
            #expect(first.isComplete && first.requests == 3)
            let again = try await ImportHarness.run(manifest, endpoint: endpoint, journalPath: journal)
            #expect(again.succeeded == 25 && again.requests == 0, "\(again)")
            #expect(await registry.counts.enrollments == 25)
            return true
        }
    }

    @Test func anAnswerThatCannotBeReadLeavesItsItemsInDoubtAndAReadSettlesThem() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 25, in: directory)
        var configuration = EmulatorConfiguration()
        configuration.unreadableBulkAnswers = 2
        _ = try await EmulatorServer.withRunning(configuration) { endpoint, registry in
            let summary = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("doubt.journal").path
            ) { $0.concurrency = try! Concurrency(1) }
            #expect(summary.isComplete && summary.succeeded == 25 && summary.failed == 0, "\(summary)")
            // The two unreadable batches (10 + 10 items) are read back, item by item, each with its keys.
            #expect(summary.reconcileReads == 20 && summary.requests == 3 + 2 * 20, "\(summary)")
            #expect(summary.alreadyEnrolled == 0)
            #expect(await registry.counts.enrollments == 25)
            return true
        }
    }

    @Test func theSameManifestTwiceWithFreshJournalsIsAlreadyEnrolled() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 15, in: directory)
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, _ in
            let first = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("1.journal").path
            )
            #expect(first.isComplete && first.alreadyEnrolled == 0 && first.reconcileReads == 0)
            let second = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("2.journal").path
            )
            #expect(second.isComplete, "\(second)")
            #expect(second.succeeded == 15 && second.alreadyEnrolled == 15 && second.conflicts == 0)
            // Two bulk calls, then one read per existing record (with keys: enrollment and attestation mechanism).
            #expect(second.reconcileReads == 15)
            return true
        }
    }

    @Test func aConflictNamesTheFieldsThatDiffer() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 3, in: directory)
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            _ = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("1.journal").path
            )
            var changed = try await registry.enrollment("dev-1")
            changed.provisioningStatus = .disabled
            _ = try await registry.putEnrollment("dev-1", changed, ifMatch: "*")
            let journalPath = directory.appendingPathComponent("2.journal").path
            let second = try await ImportHarness.run(manifest, endpoint: endpoint, journalPath: journalPath)
            #expect(second.conflicts == 1 && second.alreadyEnrolled == 2, "\(second)")
            let reader = try Journal.openForReading(at: journalPath)
            let records = try reader.records(in: [.conflict])
            try reader.close()
            #expect(records.map(\.identifier) == ["dev-1"])
            #expect(records.first?.reason?.contains("provisioningStatus") == true, "\(records)")
            return true
        }
    }
}
