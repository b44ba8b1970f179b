import Testing

@testable import DPSEngine

struct RunProgressEstimateTests {
    static func progress(
        _ phase: RunProgress.Phase = .enrollments,
        done: Int,
        total: Int,
        rate: Double,
        final: Bool = true
    ) -> RunProgress {
        RunProgress(
            phase: phase,
            done: done,
            total: total,
            requests: 0,
            retries: 0,
            throttled: 0,
            operationsPerMinute: rate,
            elapsed: 10,
            totalIsFinal: final
        )
    }

    @Test(arguments: [
        // 1000 records left: 100 bulk operations; at 100 a minute, 60 s.
        (0, 1000, 100.0, 60.0),
        // 5 records left still take one operation: at 60 a minute, 1 s.
        (995, 1000, 60.0, 1.0),
        (500, 1000, 1000.0, 3.0),
    ])
    func theTimeLeftIsTheBulkOperationsLeftAtThePace(done: Int, total: Int, rate: Double, seconds: Double) {
        #expect(Self.progress(done: done, total: total, rate: rate).estimatedSecondsLeft == seconds)
    }

    @Test func noEstimateUntilTheTotalIsFinal() {
        // A migration that has read 1000 of the source's records so far does not know how many are left.
        #expect(Self.progress(done: 500, total: 1000, rate: 100, final: false).estimatedSecondsLeft == nil)
    }

    @Test(arguments: [RunProgress.Phase.validating, .finished])
    func noEstimateWhileValidatingOrOnceFinished(phase: RunProgress.Phase) {
        #expect(Self.progress(phase, done: 0, total: 1000, rate: 100).estimatedSecondsLeft == nil)
    }

    @Test func noEstimateWithoutAPaceOrWithNothingLeft() {
        #expect(Self.progress(done: 0, total: 1000, rate: 0).estimatedSecondsLeft == nil)
        #expect(Self.progress(done: 1000, total: 1000, rate: 100).estimatedSecondsLeft == nil)
    }
}
