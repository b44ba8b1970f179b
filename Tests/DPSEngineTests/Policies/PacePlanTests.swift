import DPSEngine
import Testing

/// ``PacePlan``: a number always wins; `auto` uses a known quota as is.
struct PacePlanTests {
    @Test(
        arguments: [
            (Pace.auto, KnownQuota.unknown, PacePlan.adaptive),
            (.auto, .unlimited, .unpaced),
            (.auto, .perMinute(300), .fixed(operationsPerMinute: 300)),
            (.perMinute(900), .unknown, .fixed(operationsPerMinute: 900)),
            (.perMinute(900), .unlimited, .fixed(operationsPerMinute: 900)),
            (.perMinute(900), .perMinute(300), .fixed(operationsPerMinute: 900)),
        ] as [(Pace, KnownQuota, PacePlan)]
    )
    func plans(pace: Pace, known: KnownQuota, plan: PacePlan) {
        #expect(PacePlan(pace: pace, known: known) == plan)
    }

    @Test func anEmulatorsQuotaOfZeroIsUnlimited() {
        #expect(KnownQuota(emulatorOperationsPerMinute: 0) == .unlimited)
        #expect(KnownQuota(emulatorOperationsPerMinute: 1200) == .perMinute(1200))
    }

    @Test func summariesNameThePlan() {
        #expect(PacePlan.unpaced.description == "unpaced")
        #expect(PacePlan.adaptive.description == "auto")
        #expect(PacePlan.fixed(operationsPerMinute: 900).description == "900")
    }
}
