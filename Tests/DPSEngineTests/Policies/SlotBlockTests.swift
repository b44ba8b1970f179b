import DPSEngine
import Foundation
import Testing

/// ``SlotBlock`` and ``SharedQuota/reserveBlock(now:fixedOperationsPerMinute:maximumCount:)``: a fast process takes
/// its shared slots in blocks, which occupy the schedule exactly as one reservation per slot would.
struct SlotBlockTests {
    @Test func atARealQuotaABlockIsOneSlot() {
        // 1,000 a minute: slots 60 ms apart, longer than a block's 50 ms.
        var quota = SharedQuota(now: 0)
        let block = quota.reserveBlock(now: 0, fixedOperationsPerMinute: nil)
        #expect(block.count == 1 && block.first == 0)
        #expect(abs(quota.reserve(now: 0, fixedOperationsPerMinute: nil) - 0.06) < 1e-9)
    }

    @Test func aFastPaceReservesABlocksWorthAndTheNextProcessStartsAfterIt() {
        // A fixed 60,000 a minute (1 ms apart) beside the shared 1,000: 50 slots 1 ms apart; the schedule is
        // taken until 50 ms, as 50 single reservations would have taken it.
        var quota = SharedQuota(now: 0)
        var block = quota.reserveBlock(now: 0, fixedOperationsPerMinute: 60_000)
        #expect(block.count == 50 && abs(block.spacing - 0.001) < 1e-12)
        var slots: [TimeInterval] = []
        while let slot = block.next(now: 0) { slots.append(slot) }
        #expect(slots.count == 50 && abs(slots[49] - 0.049) < 1e-9)
        #expect(abs(quota.reserve(now: 0, fixedOperationsPerMinute: nil) - 0.05) < 1e-9)

        var single = SharedQuota(now: 0)
        for _ in 0..<50 { _ = single.reserve(now: 0, fixedOperationsPerMinute: 60_000) }
        #expect(abs(single.reserve(now: 0, fixedOperationsPerMinute: nil) - 0.05) < 1e-9)
    }

    @Test func aBlockIsCappedAndNeverEmpty() {
        var quota = SharedQuota(now: 0)
        #expect(quota.reserveBlock(now: 0, fixedOperationsPerMinute: 10_000_000).count == SharedQuota.maximumBlock)
        #expect(SlotBlock.size(spacing: 0) == 1 && SlotBlock.size(spacing: .infinity) == 1)
        #expect(SlotBlock.size(spacing: .nan) == 1 && SlotBlock(first: 0, spacing: 1, count: 0).count == 1)
    }

    @Test func slotsLeftUnusedTooLongAreDroppedNotSpentInABurst() {
        var block = SlotBlock(first: 10, spacing: 0.001, count: 10)
        #expect(block.next(now: 10) == 10)
        // A pause of a second: the rest are stale, and the block is done.
        #expect(block.next(now: 11) == nil)
        #expect(block.next(now: 10.002) == nil)
        // Slightly late is fine.
        var late = SlotBlock(first: 10, spacing: 0.001, count: 3)
        #expect(late.next(now: 10 + SlotBlock.staleAfter / 2) == 10)
    }
}
