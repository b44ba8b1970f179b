import DPSEngine
import DPSJournal
import Testing

/// The metric names and labels both the one-shot commands and `watch` use: Prometheus conventions, one meaning
/// per name, label values from fixed sets.
struct MetricNameTests {
    static let counters = [
        MetricName.records, MetricName.requests, MetricName.throttledRequests, MetricName.retries, MetricName.bytes,
    ]
    static let gauges = [
        MetricName.runDuration, MetricName.operationsPerMinute, MetricName.lastSuccessTimestamp, MetricName.watchJobs,
    ]

    @Test(arguments: counters)
    func countersEndInTotal(name: String) {
        #expect(name.hasSuffix("_total"))
        #expect(Self.isSnakeCaseWithPrefix(name))
    }

    @Test(arguments: gauges)
    func gaugesDoNotEndInTotal(name: String) {
        #expect(!name.hasSuffix("_total"))
        #expect(Self.isSnakeCaseWithPrefix(name))
    }

    @Test func everyNameHasOneMeaning() {
        let all = Self.counters + Self.gauges
        #expect(Set(all).count == all.count)
    }

    @Test(arguments: [
        (MetricsCommand.import, [RecordOutcomeLabel.succeeded, .failed, .conflict, .skipped]),
        (.migrate, [.succeeded, .failed, .conflict, .skipped]),
        (.export, [.exported]),
        (.diff, [.same, .changed, .missing, .extra]),
        (.validate, [.valid, .warning, .invalid]),
        (.watch, []),
    ])
    func eachCommandCountsItsOwnOutcomes(command: MetricsCommand, outcomes: [RecordOutcomeLabel]) {
        #expect(command.recordOutcomes == outcomes)
    }

    @Test func everyOutcomeBelongsToSomeCommand() {
        let counted = Set(MetricsCommand.allCases.flatMap(\.recordOutcomes))
        #expect(counted == Set(RecordOutcomeLabel.allCases))
    }

    @Test(arguments: [
        (RecordOutcome.Result.succeeded, RecordOutcomeLabel?.some(.succeeded)),
        (.alreadyEnrolled, .succeeded),
        (.failed(reason: "refused", errorCode: 400_001), .failed),
        (.conflict(reason: "etag", errorCode: 412_000), .conflict),
        (.retry(reason: "busy", errorCode: nil), nil),
    ])
    func journalledOutcomesMapToLabels(result: RecordOutcome.Result, label: RecordOutcomeLabel?) {
        #expect(RecordOutcomeLabel(result) == label)
    }

    @Test func labelValuesAreLowercaseWords() {
        let values =
            MetricsCommand.allCases.map(\.rawValue) + RecordOutcomeLabel.allCases.map(\.rawValue)
            + MetricName.Direction.allCases.map(\.rawValue)
        for value in values {
            #expect(value.allSatisfy { $0.isLowercase || $0 == "_" }, "\(value)")
        }
    }

    static func isSnakeCaseWithPrefix(_ name: String) -> Bool {
        name.hasPrefix("dpsbulk_") && name.allSatisfy { $0.isLowercase || $0 == "_" }
    }
}
