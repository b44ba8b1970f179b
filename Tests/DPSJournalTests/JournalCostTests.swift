import DPSJournal
import Foundation
import Testing

/// Measures the engine's pattern: 20,000 records added in chunks of 1,000, then 2,000 requests of 10,
/// each one `markInFlight` transaction and one outcome transaction. Prints the wall times.
struct JournalCostTests {
    @Test func engineWorkload() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let clock = ContinuousClock()
        let journal = try Journal.open(at: path, run: Fixture.run())

        let addTime = try clock.measure {
            for start in stride(from: 0, to: 20_000, by: 1000) {
                try journal.addRecords(Fixture.records(start..<start + 1000))
            }
        }
        var markTime = Duration.zero
        var outcomeTime = Duration.zero
        for start in stride(from: 0, to: 20_000, by: 10) {
            let ordinals = Array(start..<start + 10)
            markTime += try clock.measure { try journal.markInFlight(ordinals: ordinals) }
            let outcomes = ordinals.map {
                RecordOutcome(ordinal: $0, $0 % 100 == 0 ? .failed(reason: "bad", errorCode: 400) : .succeeded)
            }
            outcomeTime += try clock.measure { try journal.recordOutcomes(outcomes) }
        }
        var summary = try journal.summary()
        let summaryTime = try clock.measure { summary = try journal.summary() }
        var reported = 0
        let reportTime = try clock.measure { try journal.forEachRecord(in: [.failed]) { _ in reported += 1 } }
        try journal.markCompleted()
        try journal.close()

        #expect(summary[.succeeded] == 19_800 && summary[.failed] == 200)
        #expect(reported == 200)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(
            """
            DPSJournal cost: add 20,000 (20 tx) \(addTime); markInFlight 2,000 tx \(markTime) \
            (\(markTime / 2000) each); outcomes 2,000 tx \(outcomeTime) (\(outcomeTime / 2000) each); \
            summary \(summaryTime); failed report \(reportTime); file \(size) bytes
            """
        )
    }
}
