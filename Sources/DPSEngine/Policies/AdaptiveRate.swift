import Foundation

/// Paces requests to the service at a fixed rate, or at one it adapts to the quota it discovers from 429s.
///
/// **Pacing.** ``nextStart(now:slots:)`` hands out send times spaced `60 / operationsPerMinute` seconds apart (a
/// token bucket holding a single token): a caller that comes late does not earn a burst. Several workers may
/// ask in turn; each gets the next free slot.
///
/// **Fixed mode** (`--operations-per-minute N`) paces at exactly `N` a minute and ignores what it is told.
///
/// **Adaptive mode** (`--operations-per-minute auto`) is TCP congestion control tuned for DPS's quota, a token
/// bucket that holds one minute's budget and refills continuously. A full bucket hides the quota until it has
/// been spent, so the only reliable signal is the 429:
/// - *Slow start*: from ``Configuration/initialOperationsPerMinute`` the rate doubles every
///   ``Configuration/slowStartDoublingTime`` until the first 429.
/// - *Multiplicative decrease*: a 429 remembers the current rate as the ceiling estimate and multiplies the rate
///   by ``Configuration/decreaseFactor``. It reacts once per burst: a 429 for a request sent before the last
///   decrease says nothing about the new rate and is ignored. Requests sent after a decrease that are still
///   throttled decrease again, so an overshoot far above the quota is unwound within a few round trips.
/// - *Additive increase*: each accepted request moves the rate up in proportion to the time since the last
///   one: ``Configuration/recoveryIncrease`` of the ceiling per minute while well below it, then the slower
///   ``Configuration/probeIncrease`` near and above it, probing for spare quota. Far above the ceiling without a
///   429 (``Configuration/ceilingForgetMargin``) the ceiling is forgotten and slow start resumes.
/// - The rate only grows while it is what holds the caller back (the last caller had to wait for its slot);
///   otherwise a rate that is never used would grow without bound and burst later.
///
/// The 10 % decrease keeps the deficit below the quota small enough that the tokens saved there never overflow
/// the one-minute bucket; they are spent again while probing above the quota, so throughput averages the quota
/// while 429s stay rare (one or two per probe cycle of a few minutes). Pure: time is passed in.
public struct AdaptiveRate: Sendable {
    /// How the rate is chosen.
    public enum Mode: Sendable, Hashable {
        /// Exactly the given rate.
        case fixed
        /// Discovered from 429s.
        case adaptive
    }

    /// How the rate is chosen.
    public let mode: Mode
    /// The adaptive mode's tuning (the defaults in fixed mode, where it is unused).
    public let configuration: Configuration
    /// The current rate.
    public internal(set) var operationsPerMinute: Double
    /// The rate at which the most recent 429 that was reacted to happened; `nil` before the first one.
    public internal(set) var ceilingEstimate: Double?

    // Internal, not private, so that ``Snapshot`` can save and restore them (AdaptiveRate+Snapshot.swift).
    var nextSlot: TimeInterval?
    var lastDecrease = -TimeInterval.infinity
    var lastUpdate: TimeInterval?
    var isPacingLimited = false

    /// Paces at exactly `operationsPerMinute`.
    ///
    /// - Throws: ``PolicyError/Code/invalidRate`` unless the rate is positive and finite.
    public init(fixedOperationsPerMinute operationsPerMinute: Double) throws(PolicyError) {
        guard operationsPerMinute.isFinite, operationsPerMinute > 0 else {
            throw PolicyError(.invalidRate, "the operations per minute must be a positive number or auto")
        }
        self.mode = .fixed
        self.configuration = Configuration()
        self.operationsPerMinute = operationsPerMinute
    }

    /// Adapts the rate to the quota, starting at the configuration's initial rate.
    ///
    /// The configuration must have `0 < minimum <= initial <= maximum`, `0 < decreaseFactor < 1` and non-negative
    /// increases; anything else is a programming error.
    public init(adaptive configuration: Configuration = Configuration()) {
        let c = configuration
        precondition(
            c.minimumOperationsPerMinute > 0 && c.minimumOperationsPerMinute <= c.initialOperationsPerMinute
                && c.initialOperationsPerMinute <= c.maximumOperationsPerMinute
                && c.maximumOperationsPerMinute.isFinite,
            "AdaptiveRate needs 0 < minimum <= initial <= maximum < infinity"
        )
        precondition(c.decreaseFactor > 0 && c.decreaseFactor < 1, "AdaptiveRate needs 0 < decreaseFactor < 1")
        precondition(
            c.slowStartDoublingTime > 0 && c.recoveryIncrease >= 0 && c.probeIncrease >= 0 && c.probeBand >= 0
                && c.ceilingForgetMargin >= 0,
            "AdaptiveRate needs a positive doubling time and non-negative increases"
        )
        self.mode = .adaptive
        self.configuration = configuration
        self.operationsPerMinute = configuration.initialOperationsPerMinute
    }

    /// Reserves the next send slot (or `slots` consecutive ones, at the current rate's spacing from the returned
    /// time): the earliest time not before `now` that keeps to the current rate.
    ///
    /// Call it once per request (or block of requests) and send at the returned time.
    public mutating func nextStart(now: TimeInterval, slots: Int = 1) -> TimeInterval {
        let start = reserveSlot(notBefore: now, occupying: Double(max(1, slots)) * 60 / operationsPerMinute)
        isPacingLimited = start > now
        return start
    }

    /// Reserves the earliest slot not before `notBefore` and keeps the next `spacing` seconds after it taken.
    ///
    /// ``nextStart(now:slots:)`` spaces by the current rate; a ``SharedQuota`` participant with a fixed pace faster
    /// than the shared rate spaces by its own.
    mutating func reserveSlot(notBefore: TimeInterval, occupying spacing: TimeInterval) -> TimeInterval {
        let start = max(notBefore, nextSlot ?? notBefore)
        nextSlot = start + spacing
        return start
    }

    /// Learns from the answer to a request sent at `sentAt` (as returned by ``nextStart(now:slots:)``) and received at
    /// `now`; `throttled` is true for a 429.
    public mutating func record(throttled: Bool, sentAt: TimeInterval, now: TimeInterval) {
        guard mode == .adaptive else { return }
        let elapsed = max(0, now - (lastUpdate ?? now))
        lastUpdate = max(now, lastUpdate ?? now)
        if throttled {
            guard sentAt >= lastDecrease else { return }
            ceilingEstimate = operationsPerMinute
            operationsPerMinute = max(
                configuration.minimumOperationsPerMinute,
                operationsPerMinute * configuration.decreaseFactor
            )
            // Slots already handed out keep the old spacing: only requests sent after them test the new rate.
            lastDecrease = max(now, nextSlot ?? now)
        } else if isPacingLimited {
            increase(over: elapsed)
        }
    }

    private mutating func increase(over elapsed: TimeInterval) {
        let c = configuration
        var rate = operationsPerMinute
        if let ceiling = ceilingEstimate {
            let perMinute = rate < ceiling * (1 - c.probeBand) ? c.recoveryIncrease : c.probeIncrease
            rate += perMinute * ceiling * elapsed / 60
            if rate > ceiling * (1 + c.ceilingForgetMargin) {
                ceilingEstimate = nil
            }
        } else {
            rate *= pow(2, elapsed / c.slowStartDoublingTime)
        }
        operationsPerMinute = min(c.maximumOperationsPerMinute, rate)
    }
}
