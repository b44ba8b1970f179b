import Foundation
import Testing

@testable import DPSEngine

/// ``RateGate``: the plan it paces by, and sharing through a real state file.
struct RateGateTests {
    @Test func anUnpacedGateNeverWaits() async throws {
        let gate = try RateGate(plan: .unpaced)
        for _ in 0..<100 {
            let (_, waited) = try await gate.waitForSlot()
            #expect(waited == 0)
        }
        #expect(await gate.operationsPerMinute == 0)
    }

    @Test func twoGatesOnOneStateShareOneSchedule() async throws {
        let directory = try SharedQuotaFileTests.directory()
        let a = try RateGate(plan: .adaptive, sharedQuota: directory, instance: "dps.example")
        let b = try RateGate(plan: .adaptive, sharedQuota: directory, instance: "dps.example")
        var slots: [TimeInterval] = []
        for gate in [a, b, a, b, a, b] { slots.append(await gate.sharedSlot(ownSlot: gate.ownSlot())) }
        // One schedule at the initial 1,000 a minute: 60 ms apart whichever gate asks (alone, each would give its
        // first slot at once).
        let gaps = zip(slots.dropFirst(), slots).map { $0 - $1 }
        #expect(gaps.allSatisfy { abs($0 - 0.06) < 0.005 })
        await b.record(throttled: true, sentAt: slots[1])
        #expect(abs(await a.operationsPerMinute - 1000) < 1e-9)  // not read since
        _ = await a.sharedSlot(ownSlot: a.ownSlot())
        #expect(abs(await a.operationsPerMinute - 900) < 1e-9)
    }

    @Test func aFolderThatCannotBeMadePacesAlone() async throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("quota-\(UUID().uuidString)")
        try Data().write(to: blocker)
        let gate = try RateGate(
            plan: .fixed(operationsPerMinute: 600),
            sharedQuota: SharedQuotaDirectory(path: blocker.appendingPathComponent("quota").path),
            instance: "dps.example"
        )
        let first = await gate.sharedSlot(ownSlot: gate.ownSlot())
        let second = await gate.sharedSlot(ownSlot: gate.ownSlot())
        #expect(abs(second - first - 0.1) < 1e-9)
    }
}
