import GRDB
import Synchronization

/// Commits the journal writes of concurrent requests together: the in-flight marks and outcomes that are waiting
/// go into one transaction instead of one transaction each (group commit).
///
/// Each call returns only once its own write is committed, with the guarantee of
/// ``Journal/markInFlight(ordinals:)`` and ``Journal/recordOutcomes(_:counters:)`` (durable against the death of
/// the process), so a request is never sent before its in-flight mark is committed and nothing that depends on an
/// outcome runs before the outcome is. A process killed mid-group loses only writes whose callers are still
/// waiting: their records stay `pending` or `inFlight`, and are sent again or reconciled exactly as after a kill
/// between two ungrouped transactions.
///
/// Outcomes may also be recorded without waiting (``recordOutcomes(_:counters:waits:)``): they are committed with
/// the next write that waits (the next request's in-flight mark, usually at once) or by ``flush()``, and the caller
/// goes on without a commit of its own. Their records stay `inFlight` until then, exactly the state a kill between
/// an answer and its outcome leaves: resolved on resume by reconciliation, never sent blindly again. A run calls
/// ``flush()`` once its requests are done (or stopped), which commits what is left and throws the failure of any
/// such write.
///
/// The first caller to find no commit running commits what is waiting, then what arrived meanwhile, until nothing
/// waits; callers arriving meanwhile wait without holding a thread. A write that is refused (an invalid transition)
/// fails its own caller only: the group is then committed again with each write in its own savepoint.
public final class JournalGroupCommit: Sendable {
    private let journal: Journal
    private let state = Mutex(State())

    private struct State {
        var waiting: [Waiting] = []
        var committing = false
        /// The first failure of a write whose caller did not wait.
        var deferredFailure: (any Error)?
    }

    private struct Waiting: Sendable {
        let write: Write
        /// Nil for a write whose caller did not wait.
        let continuation: CheckedContinuation<Void, any Error>?
    }

    private enum Write: Sendable {
        /// Each request's ordinals.
        case inFlight([[Int]])
        case outcomes([RecordOutcome], RunCounters)
        /// Writes nothing: ``flush()``'s place in a group.
        case nothing
    }

    /// Groups the writes to `journal`.
    public init(journal: Journal) {
        self.journal = journal
    }

    /// ``Journal/markInFlight(ordinals:)``, committed with whatever other writes are waiting: the records of one
    /// request about to be sent.
    public func markInFlight(ordinals: [Int]) async throws {
        try await markInFlight(requests: [ordinals])
    }

    /// ``Journal/markInFlight(ordinals:)`` for several requests about to be sent (each adds one to the run's
    /// requests sent), `requests` holding each one's ordinals, in one write.
    public func markInFlight(requests: [[Int]]) async throws {
        let requests = requests.filter { !$0.isEmpty }
        guard !requests.isEmpty else { return }
        try Journal.checkInFlight(requests.flatMap { $0 })
        try await commit(.inFlight(requests))
    }

    /// ``Journal/recordOutcomes(_:counters:)``, committed with whatever other writes are waiting. With `waits`
    /// false, this returns at once and the outcomes are committed with the next write that waits (see above).
    public func recordOutcomes(
        _ outcomes: [RecordOutcome],
        counters: RunCounters = .zero,
        waits: Bool = true
    ) async throws {
        try Journal.checkOutcomes(outcomes)
        guard !outcomes.isEmpty || counters != .zero else { return }
        try await commit(.outcomes(outcomes, counters), waits: waits)
    }

    /// Commits the writes whose callers did not wait, and throws the failure of any of them. Once every other call
    /// has returned, every write is then committed or has been thrown.
    public func flush() async throws {
        try await commit(.nothing)
        if let failure = state.withLock({ $0.deferredFailure }) { throw failure }
    }

    private func commit(_ write: Write, waits: Bool = true) async throws {
        // A write that did not wait failed earlier: this one fails with it (and is not made).
        let handedOver = try state.withLock { state throws -> Bool in
            if let failure = state.deferredFailure { throw failure }
            guard !waits else { return false }
            state.waiting.append(Waiting(write: write, continuation: nil))
            return true
        }
        if handedOver { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let leads = state.withLock { state in
                state.waiting.append(Waiting(write: write, continuation: continuation))
                guard !state.committing else { return false }
                state.committing = true
                return true
            }
            if leads { commitWaiting() }
        }
    }

    /// Commits groups until nothing waits.
    private func commitWaiting() {
        while true {
            let group = state.withLock { state in
                let group = state.waiting
                state.waiting.removeAll()
                if group.isEmpty { state.committing = false }
                return group
            }
            guard !group.isEmpty else { return }
            for (waiting, result) in zip(group, commit(group.map(\.write))) {
                if let continuation = waiting.continuation {
                    continuation.resume(with: result)
                } else if case .failure(let failure) = result {
                    state.withLock { $0.deferredFailure = $0.deferredFailure ?? failure }
                }
            }
        }
    }

    /// Runs `writes` in one transaction; the result of each. All of them are tried together first; when one is
    /// refused (an invalid transition: a bug, or a damaged journal), that transaction is rolled back and they are
    /// run again each in its own savepoint, so that only the refused one fails.
    private func commit(_ writes: [Write]) -> [Result<Void, any Error>] {
        let now = journal.timestamp()
        do {
            try journal.write { db in
                for write in writes { try apply(write, db, now: now) }
            }
            return writes.map { _ in .success(()) }
        } catch {
            guard writes.count > 1 else { return [.failure(error)] }
        }
        do {
            return try journal.write { db in
                writes.map { write in
                    do {
                        try db.inSavepoint {
                            try apply(write, db, now: now)
                            return .commit
                        }
                        return .success(())
                    } catch {
                        return .failure(Journal.mapped(error, path: journal.path))
                    }
                }
            }
        } catch {
            return writes.map { _ in .failure(error) }
        }
    }

    private func apply(_ write: Write, _ db: Database, now: String) throws {
        switch write {
        case .inFlight(let requests): try journal.markInFlight(requests: requests, db, now: now)
        case .outcomes(let outcomes, let counters):
            try journal.recordOutcomes(outcomes, counters: counters, db, now: now)
        case .nothing: break
        }
    }
}
