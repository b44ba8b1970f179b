import DPSEngine
import Foundation
import Testing

/// What the end of a run adds to its metrics: a duration always, a last success only on exit 0, an earlier
/// success carried over otherwise.
struct RunMetricsContributionTests {
    static let end = Date(timeIntervalSince1970: 1_796_400_000.25)

    @Test func aSuccessfulRunReportsItsEndAsTheLastSuccess() {
        let contribution = RunMetricsContribution(exitStatus: 0, duration: 12.5, end: Self.end, previousSuccess: 17)
        #expect(contribution == RunMetricsContribution.expected(duration: 12.5, lastSuccess: 1_796_400_000.25))
    }

    @Test(arguments: [Int32(1), 2, 3, 130, 143])
    func aFailedRunKeepsTheEarlierSuccess(status: Int32) {
        let contribution = RunMetricsContribution(exitStatus: status, duration: 3, end: Self.end, previousSuccess: 17)
        #expect(contribution.lastSuccessTimestamp == 17)
        #expect(contribution.durationSeconds == 3)
    }

    @Test func aFailedRunWithNoEarlierSuccessReportsNone() {
        let contribution = RunMetricsContribution(exitStatus: 1, duration: 3, end: Self.end)
        #expect(contribution.lastSuccessTimestamp == nil)
    }

    @Test(arguments: [-1.0, .nan, .infinity, -.infinity])
    func anImpossibleDurationIsZero(duration: Double) {
        #expect(RunMetricsContribution(exitStatus: 0, duration: duration, end: Self.end).durationSeconds == 0)
    }

    static let file = """
        # TYPE dpsbulk_last_success_timestamp_seconds gauge
        dpsbulk_last_success_timestamp_seconds{command="export"} 1796300000.5
        dpsbulk_last_success_timestamp_seconds{command="import"} 1796200000
        # TYPE dpsbulk_requests_total counter
        dpsbulk_requests_total{command="import"} 3

        """

    @Test(arguments: [
        (MetricsCommand.export, Double?.some(1_796_300_000.5)),
        (.import, 1_796_200_000),
        (.migrate, nil),
    ])
    func theEarlierSuccessIsReadForItsCommandOnly(command: MetricsCommand, expected: Double?) {
        #expect(RunMetricsContribution.previousSuccess(in: Self.file, command: command) == expected)
    }

    @Test(arguments: [
        "dpsbulk_last_success_timestamp_seconds{command=\"import\"} NaN",
        "dpsbulk_last_success_timestamp_seconds{command=\"import\"} +Inf",
        "dpsbulk_last_success_timestamp_seconds{command=\"import\"} -5",
        "dpsbulk_last_success_timestamp_seconds{command=\"import\"} soon",
        "dpsbulk_last_success_timestamp_seconds{command=\"import\",x=\"y\"} 5",
        "",
        "\u{0}\u{1B}[2J",
    ])
    func aMalformedEarlierValueIsNoSuccess(text: String) {
        #expect(RunMetricsContribution.previousSuccess(in: text, command: .import) == nil)
    }
}

extension RunMetricsContribution {
    static func expected(duration: Double, lastSuccess: Double?) -> RunMetricsContribution {
        var contribution = RunMetricsContribution(exitStatus: 1, duration: duration, end: Date())
        contribution.lastSuccessTimestamp = lastSuccess
        return contribution
    }
}
