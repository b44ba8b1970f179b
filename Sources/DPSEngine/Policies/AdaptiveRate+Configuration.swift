import Foundation

extension AdaptiveRate {
    /// The tuning of the adaptive mode; the defaults suit DPS's one-minute token-bucket quota.
    ///
    /// Increases are fractions *per minute*, so the controller behaves the same at 200, 1,000 or 5,000
    /// operations per minute.
    public struct Configuration: Sendable, Hashable {
        /// The rate before anything is known: DPS's documented quota for one unit.
        public var initialOperationsPerMinute: Double = 1000
        /// The rate never goes below this.
        public var minimumOperationsPerMinute: Double = 10
        /// The rate never goes above this.
        public var maximumOperationsPerMinute: Double = 60_000
        /// Before the first 429 the rate doubles every this many seconds (TCP's slow start).
        public var slowStartDoublingTime: TimeInterval = 20
        /// A 429 multiplies the rate by this factor (TCP's multiplicative decrease).
        public var decreaseFactor: Double = 0.9
        /// Below the ceiling's probe band the rate climbs back by this fraction of the ceiling per minute.
        public var recoveryIncrease: Double = 0.1
        /// Within the probe band and above the ceiling the rate climbs by this fraction of the ceiling per minute.
        public var probeIncrease: Double = 0.02
        /// The band just under the ceiling, as a fraction of it, where the climb slows down to ``probeIncrease``.
        public var probeBand: Double = 0.05
        /// A ceiling exceeded by this fraction without a 429 is forgotten (the quota went up): slow start again.
        public var ceilingForgetMargin: Double = 0.25

        /// The defaults.
        public init() {}
    }
}
