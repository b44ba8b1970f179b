import Foundation

/// One instance's quota shared by every dpsbulk process on the host that talks to it (import, export, migrate,
/// diff): together they stay under it, as one process alone does.
///
/// The processes keep a single ``AdaptiveRate`` for the instance in a small state file, read and written under a
/// file lock around every reservation and every answer (the file and the lock are `SharedQuotaFile`; this type
/// is the arithmetic, pure: the bytes and the time are passed in).
/// - **One schedule.** Every process takes its send slots from the shared rate's schedule: each reservation
///   takes the next free slot and occupies `60 / rate` seconds after it, so all of them together send at the
///   shared rate, and a process that is idle (reading a page, writing a file) leaves its share to the others.
/// - **Fixed paces take their share.** A process with a fixed pace `N` waits for its own slot (`60 / N` apart),
///   then reserves on the shared schedule, occupying `60 / max(rate, N)` seconds of it: beside an `auto` run it
///   takes `N` a minute out of the shared rate, and the `auto` run gets the rest; alone it still sends at `N`.
///   (Reserving its own future slot on the schedule at once would skip the free time before it.)
/// - **A 429 anywhere lowers the rate for all.** Answers from every process, fixed or not, are learned by the
///   shared rate (``AdaptiveRate/record(throttled:sentAt:now:)``): a 429 seen by one process slows them all.
/// - **Expiry.** A state nobody updated for ``expiry`` seconds (every process that used it has finished or died)
///   is replaced by a fresh one; the instance's own token bucket has refilled by then. Slots reserved by a process
///   that died are just time that passes: nothing is held, so a process killed with `kill -9` blocks no one.
/// - **Damage.** A state that is not valid JSON of this shape, holds impossible numbers, or reserves more than
///   ``maximumLead`` seconds ahead is replaced by a fresh one (``Reading/damaged(_:)``, to be said once); a state of
///   a newer format is left alone and the process paces by itself (``Reading/newerVersion(_:)``).
///
/// Times are seconds on a clock all processes of the host share (the system's monotonic clock): a state from
/// before a reboot lies in the future and is treated as expired.
public struct SharedQuota: Sendable {
    /// The format written; a reader of an older format refuses a newer one.
    public static let version = 1
    /// Seconds without an update after which a state is forgotten: one minute, the instance's bucket.
    public static let expiry: TimeInterval = 60
    /// A state reserving slots more than this many seconds ahead of now is not believed.
    public static let maximumLead: TimeInterval = 600
    /// Tolerance for a state written a moment "after" now (clocks read a moment apart).
    static let clockTolerance: TimeInterval = 1

    /// The file's contents.
    struct State: Codable {
        var version: Int
        var updatedAt: TimeInterval
        var rate: AdaptiveRate.Snapshot
    }

    /// What reading a state found.
    public enum Reading: Sendable, Hashable {
        /// No state yet: a fresh one.
        case fresh
        /// A live state, continued.
        case continued
        /// A state too old (or from before a reboot): a fresh one.
        case expired
        /// A state that could not be used (the reason): a fresh one replaces it.
        case damaged(String)
        /// A state written by a newer dpsbulk (its format version): not touched, not shared.
        case newerVersion(Int)
    }

    /// The shared rate.
    public private(set) var rate: AdaptiveRate
    /// When the state was last changed.
    public private(set) var updatedAt: TimeInterval

    /// A fresh state at `now`.
    public init(now: TimeInterval, configuration: AdaptiveRate.Configuration = AdaptiveRate.Configuration()) {
        rate = AdaptiveRate(adaptive: configuration)
        updatedAt = now
    }

    /// The state `data` holds (nil when there is no file yet) at time `now`, and what was found; no state when it is
    /// of a newer format. Never throws, never traps: anything unusable becomes a fresh state.
    public static func read(
        _ data: Data?,
        now: TimeInterval,
        configuration: AdaptiveRate.Configuration = AdaptiveRate.Configuration()
    ) -> (quota: SharedQuota?, reading: Reading) {
        guard let data, !data.isEmpty else { return (SharedQuota(now: now, configuration: configuration), .fresh) }
        let fresh = SharedQuota(now: now, configuration: configuration)
        // The common case in one decoding: a state of this format. Only what does not decode is asked its version.
        let decoded = try? JSONDecoder().decode(State.self, from: data)
        struct Versioned: Decodable { var version: Int }
        guard
            let versionFound = decoded?.version ?? (try? JSONDecoder().decode(Versioned.self, from: data))?.version
        else {
            return (fresh, .damaged("it is not a dpsbulk quota state"))
        }
        guard versionFound <= version else { return (nil, .newerVersion(versionFound)) }
        guard versionFound == version, let state = decoded else {
            return (fresh, .damaged("its fields are not those of format \(version)"))
        }
        guard state.updatedAt.isFinite, state.updatedAt <= now + clockTolerance else { return (fresh, .expired) }
        guard now - state.updatedAt <= expiry else { return (fresh, .expired) }
        guard
            let rate = AdaptiveRate(
                adaptive: configuration,
                restoring: state.rate,
                now: now,
                maximumLead: maximumLead
            )
        else { return (fresh, .damaged("it holds a rate or a time no dpsbulk writes")) }
        var quota = fresh
        quota.rate = rate
        quota.updatedAt = state.updatedAt
        return (quota, .continued)
    }

    /// The bytes to write.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Every number is finite (validated on reading, kept so by AdaptiveRate): encoding cannot fail.
        return (try? encoder.encode(State(version: Self.version, updatedAt: updatedAt, rate: rate.snapshot))) ?? Data()
    }

    /// Reserves a send slot at `now` for a process whose fixed pace is `fixedOperationsPerMinute` (nil for
    /// `auto`; a fixed process asks when its own slot has come). Returns the time to send at.
    public mutating func reserve(now: TimeInterval, fixedOperationsPerMinute: Double?) -> TimeInterval {
        reserveBlock(now: now, fixedOperationsPerMinute: fixedOperationsPerMinute, maximumCount: 1).first
    }

    /// The schedule time one block of slots covers at most: a process sending more than one request in this time
    /// reserves its slots in blocks (``SlotBlock``), one locked update of the state per block.
    public static let blockDuration: TimeInterval = 0.05
    /// The most slots one block holds.
    public static let maximumBlock = 64

    /// Reserves the slots of the next ``blockDuration`` (at most `maximumCount`, at least one) at `now`, each
    /// occupying the schedule as ``reserve(now:fixedOperationsPerMinute:)``'s slot does.
    public mutating func reserveBlock(
        now: TimeInterval,
        fixedOperationsPerMinute: Double?,
        maximumCount: Int = SharedQuota.maximumBlock
    ) -> SlotBlock {
        updatedAt = max(updatedAt, now)
        let spacing = 60 / max(rate.operationsPerMinute, fixedOperationsPerMinute ?? 0)
        // As many slots as the process itself sends in a block's time, at its fixed pace or the shared rate.
        let ownSpacing = 60 / (fixedOperationsPerMinute ?? rate.operationsPerMinute)
        let count = max(1, min(maximumCount, SlotBlock.size(spacing: ownSpacing)))
        let first =
            fixedOperationsPerMinute == nil
            ? rate.nextStart(now: now, slots: count)
            : rate.reserveSlot(notBefore: now, occupying: spacing * Double(count))
        return SlotBlock(first: first, spacing: spacing, count: count)
    }

    /// How often at most a process tells the state of answers that were not throttled. The adaptive rate grows with
    /// the time since the last answer it was told of, so one report per interval grows it as much as one per answer,
    /// for a fraction of the locked updates (at 2,000 requests a second, 4 instead of 2,000).
    public static let successReportInterval: TimeInterval = 0.25

    /// Whether an answer received at `now` is to be told to the state: a throttle always (the rate must fall at
    /// once), a success when none was told for ``successReportInterval`` (`lastSuccessReport` nil: none yet).
    public static func reports(throttled: Bool, now: TimeInterval, lastSuccessReport: TimeInterval?) -> Bool {
        guard !throttled, let lastSuccessReport else { return true }
        return now - lastSuccessReport >= successReportInterval || now < lastSuccessReport
    }

    /// Learns from the answer, received at `now`, to a request sent at `sentAt` by any process.
    public mutating func record(throttled: Bool, sentAt: TimeInterval, now: TimeInterval) {
        updatedAt = max(updatedAt, now)
        rate.record(throttled: throttled, sentAt: sentAt, now: now)
    }
}
