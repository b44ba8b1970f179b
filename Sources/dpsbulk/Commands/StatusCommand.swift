import ArgumentParser
import DPSJournal
import Foundation

/// `dpsbulk status`: what a run's journal says: progress, counters, and the records that did not succeed.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the progress and the failures recorded in an import journal."
    )

    @OptionGroup var logging: LogOptions

    @Argument(help: "The journal file.")
    var journal: String

    @Option(help: "How many failed, conflicting or invalid records to list.")
    var limit = 20

    func run() throws {
        let reader = try JournalFile.openForReading(journal)
        defer { try? reader.close() }
        let run = try reader.run()
        let summary = try reader.summary()
        let sessions = try reader.sessions()
        print("journal:  \(journal)")
        let isMigration = run.manifestPath.hasPrefix("dps://")
        if isMigration {
            print("source:   \(run.manifestPath.dropFirst("dps://".count)) (a migration)")
        } else {
            print("manifest: \(run.manifestPath) (SHA-256 \(run.manifestSHA256.prefix(16))…)")
        }
        print(
            "target:   \(run.targetHost)   mode: \(run.mode.rawValue)   status: \(run.status.rawValue)   sessions: \(sessions.count)"
        )
        let done = summary.total - summary[.pending] - summary[.inFlight]
        let percent = summary.total > 0 ? Double(done) * 100 / Double(summary.total) : 100
        print(String(format: "progress: %d of %d records done (%.1f%%)", done, summary.total, percent))
        for state in RecordState.allCases where summary[state] > 0 {
            print("  \(state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(summary[state])")
        }
        print(
            "requests: \(run.counters.requestsSent) sent, \(run.counters.retries) retries, \(run.counters.throttled) throttled"
        )
        let problems = try reader.records(in: [.failed, .conflict, .skipped], limit: limit)
        if !problems.isEmpty {
            print("records that did not succeed (first \(problems.count); `dpsbulk report` writes them all):")
            for record in problems {
                let position = isMigration ? "" : "line \(record.line)  "
                print("  \(position)\(record.identifier)  \(record.state.rawValue): \(record.reason ?? "")")
            }
        }
    }
}
