import Foundation
import Synchronization

/// The per-request decisions that need shared state: the operation quota and the fault plan.
final class RequestGate: Sendable {
    private struct State {
        var quota: OperationQuota
        var faults: FaultPlan
    }

    private let state: Mutex<State>
    private let start = ContinuousClock.now

    init(operationsPerMinute: Int, faultRate: Double, seed: UInt64, slowDelay: Double) {
        state = Mutex(
            State(
                quota: OperationQuota(operationsPerMinute: operationsPerMinute),
                faults: FaultPlan(rate: faultRate, seed: seed, slowDelay: slowDelay)
            )
        )
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
