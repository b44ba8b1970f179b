import DPSEngine
import Foundation
import Testing

/// ``SharedQuota``: one schedule and one rate for every process, and a state file that can never stop a run.
struct SharedQuotaTests {
    /// The state after `change`, as the next process reads it from the file's bytes at `now`.
    static func passed(
        _ data: Data?,
        at now: TimeInterval,
        _ change: (inout SharedQuota) -> Void = { _ in }
    ) -> (data: Data, quota: SharedQuota, reading: SharedQuota.Reading) {
        let (read, reading) = SharedQuota.read(data, now: now)
        var quota = read!
        change(&quota)
        return (quota.encoded(), quota, reading)
    }

    @Test func noFileIsAFreshStateAtTheInitialRate() {
        let (quota, reading) = SharedQuota.read(nil, now: 100)
        #expect(reading == .fresh)
        #expect(quota?.rate.operationsPerMinute == AdaptiveRate.Configuration().initialOperationsPerMinute)
    }

    @Test func twoProcessesTakeTheirSlotsFromOneSchedule() {
        // Four reservations, alternating between two processes at the same moment: one schedule at 1,000 a
        // minute, 60 ms apart, whoever asks.
        var data: Data? = nil
        var slots: [TimeInterval] = []
        for _ in 0..<4 {
            let step = Self.passed(data, at: 100) { quota in
                slots.append(quota.reserve(now: 100, fixedOperationsPerMinute: nil))
            }
            data = step.data
        }
        #expect(zip(slots, [100, 100.06, 100.12, 100.18]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test func a429SeenByOneProcessLowersTheRateForAll() {
        var data = Self.passed(nil, at: 100) { _ = $0.reserve(now: 100, fixedOperationsPerMinute: nil) }
            .data
        data = Self.passed(data, at: 100.5) { $0.record(throttled: true, sentAt: 100, now: 100.5) }.data
        let other = Self.passed(data, at: 101)
        #expect(other.reading == .continued)
        #expect(abs(other.quota.rate.operationsPerMinute - 900) < 1e-9)
        #expect(other.quota.rate.ceilingEstimate == 1000)
    }

    @Test func aFixedPaceTakesItsShareOfTheScheduleAndKeepsItsOwnPaceAlone() {
        // Beside the shared 1,000 a minute, a fixed 600 a minute occupies 60 ms per request (a 1,000th of a minute):
        // what it takes is gone for the others.
        var quota = SharedQuota(now: 0)
        let first = quota.reserve(now: 0, fixedOperationsPerMinute: 600)
        let next = quota.reserve(now: 0, fixedOperationsPerMinute: nil)
        #expect(first == 0 && abs(next - 0.06) < 1e-9)
        // A fixed pace above the shared rate occupies by its own, so alone it still sends at its pace.
        var fast = SharedQuota(now: 0)
        let a = fast.reserve(now: 0, fixedOperationsPerMinute: 6000)
        let b = fast.reserve(now: 0, fixedOperationsPerMinute: 6000)
        #expect(a == 0 && abs(b - 0.01) < 1e-9)
        // Asking later (its own slot came) takes the schedule from then on: the free time before is not skipped.
        let c = fast.reserve(now: 5, fixedOperationsPerMinute: 6000)
        let d = fast.reserve(now: 5, fixedOperationsPerMinute: nil)
        #expect(c == 5 && abs(d - 5.01) < 1e-9)
    }

    @Test func aStateNobodyUpdatedForAMinuteExpires() {
        let data = Self.passed(nil, at: 100) { $0.record(throttled: true, sentAt: 100, now: 100) }.data
        #expect(Self.passed(data, at: 100 + SharedQuota.expiry).reading == .continued)
        let later = Self.passed(data, at: 100 + SharedQuota.expiry + 1)
        #expect(later.reading == .expired)
        #expect(later.quota.rate.ceilingEstimate == nil)
        // A state from before a reboot (the monotonic clock started again) lies in the future: expired too.
        #expect(Self.passed(data, at: 10).reading == .expired)
    }

    static func state(_ json: String) -> Data { Data(json.utf8) }

    @Test(
        "a damaged state is replaced by a fresh one and says why",
        arguments: [
            "not json",
            "{}",
            #"{"version":1}"#,
            #"{"version":"1","updatedAt":0}"#,
            #"{"version":1,"updatedAt":99,"rate":{"operationsPerMinute":-5,"isPacingLimited":false}}"#,
            #"{"version":1,"updatedAt":99,"rate":{"operationsPerMinute":1e300,"isPacingLimited":false}}"#,
            #"{"version":1,"updatedAt":99,"rate":{"operationsPerMinute":500,"ceilingEstimate":0,"isPacingLimited":false}}"#,
            #"{"version":1,"updatedAt":99,"rate":{"operationsPerMinute":500,"nextSlot":1e12,"isPacingLimited":false}}"#,
        ]
    )
    func damagedStates(json: String) {
        let (quota, reading) = SharedQuota.read(Self.state(json), now: 100)
        guard case .damaged(let reason) = reading else {
            Issue.record("read as \(reading)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(quota?.rate.operationsPerMinute == AdaptiveRate.Configuration().initialOperationsPerMinute)
    }

    @Test func aDeeplyNestedStateIsDamagedNotATrap() {
        let (_, reading) = SharedQuota.read(Self.state(String(repeating: "[", count: 100_000)), now: 100)
        #expect(reading != .continued && reading != .fresh)
    }

    @Test func aStateOfANewerFormatIsNotUsed() {
        let (quota, reading) = SharedQuota.read(Self.state(#"{"version":2,"anything":"else"}"#), now: 100)
        #expect(quota == nil)
        #expect(reading == .newerVersion(2))
    }

    @Test func theStateRoundTripsThroughItsBytes() {
        let first = Self.passed(nil, at: 50) { quota in
            _ = quota.reserve(now: 50, fixedOperationsPerMinute: nil)
            quota.record(throttled: true, sentAt: 50, now: 50.2)
        }
        let again = Self.passed(first.data, at: 51)
        #expect(again.reading == .continued)
        #expect(again.quota.rate.snapshot == first.quota.rate.snapshot)
        #expect(again.quota.updatedAt == first.quota.updatedAt)
    }

    @Test func aThrottleIsAlwaysToldASuccessAtMostOncePerInterval() {
        let interval = SharedQuota.successReportInterval
        #expect(SharedQuota.reports(throttled: true, now: 10, lastSuccessReport: 10))
        #expect(SharedQuota.reports(throttled: false, now: 10, lastSuccessReport: nil))
        #expect(!SharedQuota.reports(throttled: false, now: 10 + interval / 2, lastSuccessReport: 10))
        #expect(SharedQuota.reports(throttled: false, now: 10 + interval, lastSuccessReport: 10))
        #expect(SharedQuota.reports(throttled: false, now: 5, lastSuccessReport: 10), "a clock that went back")
    }

    @Test func successesToldOncePerIntervalGrowTheRateAsMuchAsEveryOne() {
        // 30 s of requests every 10 ms, always waiting for their slot (pacing-limited), all answered: one state is
        // told of every answer, the other only as `reports` allows. The rate grows with the time between reports,
        // so both end at the same rate (to 1%) though the second was updated 25 times less often.
        var every = SharedQuota(now: 0)
        var coalesced = SharedQuota(now: 0)
        var lastReport: TimeInterval?
        var reports = 0
        for step in 1...3000 {
            let now = Double(step) * 0.01
            _ = every.reserve(now: now, fixedOperationsPerMinute: nil)
            _ = coalesced.reserve(now: now, fixedOperationsPerMinute: nil)
            every.record(throttled: false, sentAt: now, now: now)
            if SharedQuota.reports(throttled: false, now: now, lastSuccessReport: lastReport) {
                coalesced.record(throttled: false, sentAt: now, now: now)
                lastReport = now
                reports += 1
            }
        }
        let grown = every.rate.operationsPerMinute
        #expect(grown > AdaptiveRate.Configuration().initialOperationsPerMinute * 1.5, "the rate grew: \(grown)")
        #expect(abs(coalesced.rate.operationsPerMinute - grown) <= grown * 0.01)
        #expect(reports <= 3000 / 20)
    }
}
