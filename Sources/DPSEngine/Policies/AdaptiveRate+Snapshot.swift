import Foundation

extension AdaptiveRate {
    /// An adaptive rate's whole state as plain numbers, so that several processes can keep one rate in a file
    /// (``SharedQuota``). Times are seconds on the clock the rate was driven with.
    public struct Snapshot: Sendable, Codable, Hashable {
        /// The current rate.
        public var operationsPerMinute: Double
        /// The rate of the last 429 reacted to, if any.
        public var ceilingEstimate: Double?
        /// The next free send slot, if any was handed out.
        public var nextSlot: TimeInterval?
        /// The time of the last decrease, if any.
        public var lastDecrease: TimeInterval?
        /// The time of the last answer learned from, if any.
        public var lastUpdate: TimeInterval?
        /// Whether the last caller had to wait for its slot.
        public var isPacingLimited: Bool
    }

    /// The adaptive state as plain numbers.
    public var snapshot: Snapshot {
        Snapshot(
            operationsPerMinute: operationsPerMinute,
            ceilingEstimate: ceilingEstimate,
            nextSlot: nextSlot,
            lastDecrease: lastDecrease.isFinite ? lastDecrease : nil,
            lastUpdate: lastUpdate,
            isPacingLimited: isPacingLimited
        )
    }

    /// An adaptive rate continuing from `snapshot`, or nil when the snapshot cannot be one the configuration makes
    /// at time `now`: a rate outside the configuration's bounds, a ceiling that is not positive, or a time that is
    /// not finite or lies more than `maximumLead` seconds after `now`.
    public init?(
        adaptive configuration: Configuration = Configuration(),
        restoring snapshot: Snapshot,
        now: TimeInterval,
        maximumLead: TimeInterval
    ) {
        let rate = snapshot.operationsPerMinute
        guard rate.isFinite,
            rate >= configuration.minimumOperationsPerMinute,
            rate <= configuration.maximumOperationsPerMinute
        else { return nil }
        if let ceiling = snapshot.ceilingEstimate, !(ceiling.isFinite && ceiling > 0) { return nil }
        for time in [snapshot.nextSlot, snapshot.lastDecrease, snapshot.lastUpdate].compactMap({ $0 }) {
            guard time.isFinite, time <= now + maximumLead else { return nil }
        }
        self.init(adaptive: configuration)
        operationsPerMinute = rate
        ceilingEstimate = snapshot.ceilingEstimate
        nextSlot = snapshot.nextSlot
        lastDecrease = snapshot.lastDecrease ?? -.infinity
        lastUpdate = snapshot.lastUpdate
        isPacingLimited = snapshot.isPacingLimited
    }
}
