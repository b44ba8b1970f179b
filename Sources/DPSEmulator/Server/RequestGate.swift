import Foundation
import Synchronization

/// The per-request decisions that need shared state: the operation quota and the fault plan.
final class RequestGate: Sendable {
    private struct State {
        var quota: OperationQuota
        var faults: FaultPlan
        var unreadableBulkAnswers: Int
    }

    private let state: Mutex<State>
    private let start = ContinuousClock.now

    init(
        operationsPerMinute: Int,
        faultRate: Double,
        seed: UInt64,
        slowDelay: Double,
        unreadableBulkAnswers: Int = 0
    ) {
        state = Mutex(
            State(
                quota: OperationQuota(operationsPerMinute: operationsPerMinute),
                faults: FaultPlan(rate: faultRate, seed: seed, slowDelay: slowDelay),
                unreadableBulkAnswers: max(0, unreadableBulkAnswers)
            )
        )
    }

    /// Whether this applied bulk call's answer is to be made unreadable (test-only; see
    /// ``EmulatorConfiguration/unreadableBulkAnswers``).
    func takeUnreadableBulkAnswer() -> Bool {
        state.withLock { state in
            guard state.unreadableBulkAnswers > 0 else { return false }
            state.unreadableBulkAnswers -= 1
            return true
        }
    }

    /// Takes one operation from the quota now.
    func takeOperation() -> OperationQuota.Decision {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return state.withLock { $0.quota.take(at: seconds) }
    }

    /// The fault for the next request, if any.
    func nextFault() -> FaultPlan.Fault? {
        state.withLock { $0.faults.next() }
    }
}
