import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paces requests for the whole run as its ``PacePlan`` says (not at all, at a fixed rate, or at an
/// ``AdaptiveRate`` that learns from 429s), and hands out send times.
///
/// With a ``SharedQuotaDirectory`` the rate is the one every dpsbulk process of the host shares for the instance
/// (``SharedQuota``, kept in a ``SharedQuotaFile``): an `auto` run takes its slots from the shared schedule, a
/// fixed one keeps its own pace and takes its share of the schedule. A state file that cannot be used is said
/// once (a warning) and the run paces by itself from then on, as it does with sharing off. An unpaced run shares
/// nothing: there is no quota to share.
actor RateGate {
    /// How the run is paced.
    let plan: PacePlan
    /// The fixed pace, or the adaptive rate when it is not shared.
    private var local: AdaptiveRate?
    private var sharedFile: SharedQuotaFile?
    /// The shared rate as last read from the file.
    private var lastShared: AdaptiveRate?
    private let logger: Logger
    private var damageReported = false
    /// When a success was last told to the shared state.
    private var lastSuccessReport: TimeInterval?
    /// The slots of the shared schedule this process reserved and has not used yet.
    private var block: SlotBlock?

    /// A gate for `plan`; with `sharedQuota`, sharing the quota of `instance` (its host, or host:port) with the
    /// other processes of the host.
    init(
        plan: PacePlan,
        sharedQuota: SharedQuotaDirectory? = nil,
        instance: String? = nil,
        logger: Logger = Logger(label: "dpsbulk.quota")
    ) throws {
        self.plan = plan
        self.logger = logger
        switch plan {
        case .unpaced: local = nil
        case .fixed(let operationsPerMinute):
            local = try AdaptiveRate(fixedOperationsPerMinute: Double(operationsPerMinute))
        case .adaptive: local = AdaptiveRate(adaptive: AdaptiveRate.Configuration())
        }
        guard plan != .unpaced, let sharedQuota, let instance else { return }
        do {
            sharedFile = try SharedQuotaFile(directory: sharedQuota, instance: instance)
        } catch {
            logger.warning(
                "the instance's quota is not shared with other dpsbulk processes; this run paces by itself",
                metadata: ["reason": "\(error)"]
            )
        }
    }

    /// Seconds on the system's monotonic clock, which every process of the host shares (and a reboot resets).
    nonisolated func now() -> TimeInterval {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) * 1e-9
    }

    /// This process's own slot: the fixed pace's next one; now for `auto` (and unpaced).
    func ownSlot() -> TimeInterval {
        let now = now()
        guard local?.mode == .fixed || sharedFile == nil else { return now }
        return local?.nextStart(now: now) ?? now
    }

    /// The slot on the shared schedule (call it once the own slot has come): the next of the block this process
    /// reserved, or the first of a block reserved now; `ownSlot` when not shared.
    func sharedSlot(ownSlot: TimeInterval) -> TimeInterval {
        guard let shared = sharedFile, let local else { return ownSlot }
        let now = now()
        if let slot = block?.next(now: now) { return slot }
        let fixed = local.mode == .fixed ? local.operationsPerMinute : nil
        block = sharing(shared, now: now, { $0.reserveBlock(now: now, fixedOperationsPerMinute: fixed) })
        return block?.next(now: now)
            ?? (fixed == nil ? self.local?.nextStart(now: now) ?? now : max(now, ownSlot))
    }

    /// Learns from the answer to a request sent at `sentAt`.
    ///
    /// Shared, a success is told to the state at most every ``SharedQuota/successReportInterval`` (see there).
    func record(throttled: Bool, sentAt: TimeInterval) {
        let now = now()
        if throttled {
            // The slots left were reserved at the rate that was just refused: the next request reserves anew.
            block = nil
        }
        if let shared = sharedFile {
            guard SharedQuota.reports(throttled: throttled, now: now, lastSuccessReport: lastSuccessReport) else {
                return
            }
            if sharing(shared, now: now, { $0.record(throttled: throttled, sentAt: sentAt, now: now) }) != nil {
                if !throttled { lastSuccessReport = now }
                return
            }
        }
        local?.record(throttled: throttled, sentAt: sentAt, now: now)
    }

    /// The pace now: the fixed one, the shared or own adaptive rate, 0 when unpaced.
    var operationsPerMinute: Double {
        guard let local else { return 0 }
        return local.mode == .fixed ? local.operationsPerMinute : (lastShared ?? local).operationsPerMinute
    }

    /// Waits for a send slot (this process's own, then the shared schedule's); returns the time it was reserved
    /// for and how long it waited (0 when the slot was free).
    func waitForSlot() async throws -> (sentAt: TimeInterval, waited: TimeInterval) {
        let own = ownSlot()
        let first = try await sleep(until: own)
        let at = sharedSlot(ownSlot: own)
        let second = try await sleep(until: at)
        return (at, first + second)
    }

    /// Sleeps until `time`; returns the seconds slept (0 when it has come).
    private func sleep(until time: TimeInterval) async throws -> TimeInterval {
        let wait = time - now()
        guard wait > 0 else { return 0 }
        try await Task.sleep(for: .seconds(wait))
        return wait
    }

    /// Runs `change` on the shared state; nil (and sharing stopped, said once) when the file cannot be used.
    private func sharing<T>(_ file: SharedQuotaFile, now: TimeInterval, _ change: (inout SharedQuota) -> T) -> T? {
        do {
            let (result, reading) = try file.update(now: now) { quota in
                defer { lastShared = quota.rate }
                return change(&quota)
            }
            if case .damaged(let reason) = reading, !damageReported {
                damageReported = true
                logger.warning(
                    "the shared quota state was damaged and is started afresh",
                    metadata: ["file": "\(file.statePath)", "reason": "\(reason)"]
                )
            }
            return result
        } catch {
            sharedFile = nil
            if plan == .adaptive, let lastShared {
                // Go on alone from the rate the processes had found (same clock), not from slow start.
                local = lastShared
            }
            lastShared = nil
            logger.warning(
                "the instance's quota is no longer shared with other dpsbulk processes; this run paces by itself",
                metadata: ["reason": "\(error)"]
            )
            return nil
        }
    }
}
