import DPSEngine
import Foundation
import Testing

/// Drives ``AdaptiveRate`` for 30 simulated minutes against a token-bucket quota (see ``RateSimulation``) and
/// measures minutes 5 to 30, after the initial burst has been spent.
struct AdaptiveRateSimulationTests {
    static func report(_ label: String, _ simulation: RateSimulation, _ result: RateSimulation.Result) -> String {
        let use = String(format: "%.2f", simulation.quotaUse(result) * 100)
        let throttled = String(format: "%.3f", result.throttledShare * 100)
        return "\(label) quota \(Int(simulation.quota))/min: use \(use) %, throttled \(throttled) % "
            + "(\(result.throttled) of \(result.accepted + result.throttled); \(result.throttledOverall) overall), "
            + "rate by minute \(result.ratePerMinute.map { Int($0.rounded()) })"
    }

    @Test(
        "auto uses >= 95% of the quota with <= 2% throttled (4 in flight, 20 ms)",
        arguments: [200.0, 1000, 5000]
    )
    func adaptiveRateTracksTheQuota(quota: Double) {
        let simulation = RateSimulation(quota: quota)
        let result = simulation.run(AdaptiveRate())
        print(Self.report("auto", simulation, result))
        #expect(simulation.quotaUse(result) >= 0.95)
        #expect(result.throttledShare <= 0.02)
        // It settles just around the quota rather than far from it.
        #expect(result.ratePerMinute.suffix(25).allSatisfy { abs($0 - quota) / quota < 0.1 })
    }

    @Test(
        "auto meets the targets with slower answers and more requests in flight",
        arguments: [(200.0, 8, 0.3), (1000, 8, 0.3), (200, 16, 0.5), (1000, 16, 0.5), (5000, 32, 0.2)]
            as [(Double, Int, TimeInterval)]
    )
    func adaptiveRateWithOtherClients(quota: Double, concurrency: Int, latency: TimeInterval) {
        let simulation = RateSimulation(quota: quota, concurrency: concurrency, latency: latency)
        let result = simulation.run(AdaptiveRate())
        #expect(simulation.quotaUse(result) >= 0.95)
        #expect(result.throttledShare <= 0.02)
    }

    @Test("a client that cannot reach the quota does not inflate its rate")
    func unreachableQuota() {
        // 4 in flight at 20 ms can send at most 12,000 a minute.
        let simulation = RateSimulation(quota: 50_000)
        let result = simulation.run(AdaptiveRate())
        #expect(result.throttledOverall == 0)
        #expect(result.ratePerMinute.allSatisfy { $0 <= 12_000 * 1.05 })
    }

    @Test(
        "the measurement can fail: a fixed rate under the quota wastes it, over the quota is throttled",
        arguments: [(0.9, false, true), (1.1, true, false), (0.98, true, true)] as [(Double, Bool, Bool)]
    )
    func fixedRateControls(share: Double, usesQuota: Bool, rarelyThrottled: Bool) throws {
        let simulation = RateSimulation(quota: 1000)
        let result = simulation.run(try AdaptiveRate(fixedOperationsPerMinute: 1000 * share))
        #expect((simulation.quotaUse(result) >= 0.95) == usesQuota)
        #expect((result.throttledShare <= 0.02) == rarelyThrottled)
    }

    @Test("the measurement can fail: TCP's halving with a slow climb wastes the quota")
    func halvingControl() {
        var configuration = AdaptiveRate.Configuration()
        configuration.decreaseFactor = 0.5
        configuration.recoveryIncrease = 0.01
        configuration.probeIncrease = 0.005
        let simulation = RateSimulation(quota: 1000)
        let result = simulation.run(AdaptiveRate(adaptive: configuration))
        #expect(simulation.quotaUse(result) < 0.95)
    }
}
