import Foundation

/// Consecutive send slots reserved on a shared schedule at once: `count` slots `spacing` seconds apart from
/// `first`. A process that sends faster than one request per ``SharedQuota/blockDuration`` takes its slots in
/// blocks, so it updates the shared state once per block instead of once per request; at a real instance's quota
/// (slots 60 ms apart or more) a block is one slot and nothing changes.
public struct SlotBlock: Sendable, Equatable {
    /// The first slot's time.
    public let first: TimeInterval
    /// Seconds between two slots.
    public let spacing: TimeInterval
    /// How many slots were reserved.
    public let count: Int
    /// How many have been handed out.
    public private(set) var taken = 0

    /// A slot further in the past than this when asked for is not used, nor is any after it: time a process left
    /// unused (reading its manifest, say) is not spent later in a burst.
    public static let staleAfter: TimeInterval = 0.1

    public init(first: TimeInterval, spacing: TimeInterval, count: Int) {
        self.first = first
        self.spacing = spacing
        self.count = max(1, count)
    }

    /// The next slot, or nil when the block is used up or its next slot is stale at `now`.
    public mutating func next(now: TimeInterval) -> TimeInterval? {
        guard taken < count else { return nil }
        let slot = first + Double(taken) * spacing
        guard slot >= now - Self.staleAfter else {
            taken = count
            return nil
        }
        taken += 1
        return slot
    }

    /// How many slots of `spacing` seconds one block holds: those of ``SharedQuota/blockDuration``, between 1 and
    /// ``SharedQuota/maximumBlock``.
    public static func size(spacing: TimeInterval) -> Int {
        guard spacing > 0, spacing.isFinite else { return 1 }
        return Int(max(1, min(Double(SharedQuota.maximumBlock), (SharedQuota.blockDuration / spacing).rounded(.down))))
    }
}
