import DPSJournal

/// What one item of a bulk answer means: the outcome to journal, or the follow-up that decides it.
///
/// The one place where an import or migrate reads a bulk answer. ``BatchSender`` only carries the follow-ups out.
///
/// | mode | entry | outcome |
/// |---|---|---|
/// | any | none, or one reporting success (2xx, "Succeeded") | succeeded |
/// | any | the answer could not be read | in doubt: read the item to settle it (``Reconciliation/Purpose``) |
/// | create | 409 / 409xxx | read it and compare (``Reconciliation/Purpose/compareExisting(mayBeApplied:)``) |
/// | upsert | 409 / 409xxx | send it again in a bulk `update` |
/// | delete | 404 / 404xxx, the item may already have been applied | succeeded (an earlier attempt deleted it) |
/// | any | any other code (400xxx, 404201, 412002, …) | failed with the service's code and text |
public enum BulkItemDecision: Sendable, Equatable {
    /// The item's outcome is known.
    case outcome(RecordOutcome.Result)
    /// Read the item from the service and settle it with ``Reconciliation``.
    case reconcile(Reconciliation.Purpose)
    /// Send the item again in a bulk `update` (upsert) and decide it from that answer, in `update` mode.
    case update

    /// What the per-item answer means for one item.
    public enum Answer: Sendable, Equatable {
        /// The answer was read and listed the item (or did not: `nil`).
        case entry(BulkItemEntry?)
        /// The service answered 2xx with a body that could not be read: the item may or may not be applied.
        case unreadable
    }

    /// Decides one item.
    ///
    /// - Parameters:
    ///   - mode: The run's mode (upsert's follow-up answer is decided in `update` mode).
    ///   - mayBeApplied: The item may have reached the service before (in flight when an earlier session stopped,
    ///     or the call was retried in this session).
    ///   - answer: The item's entry in the answer, its absence, or an unreadable answer.
    public static func decide(mode: RunMode, mayBeApplied: Bool, answer: Answer) -> BulkItemDecision {
        let entry: BulkItemEntry
        switch answer {
        case .unreadable:
            return .reconcile(mode == .delete ? .confirmDeleted : .confirmWritten(mode: mode))
        case .entry(nil):
            return .outcome(.succeeded)
        case .entry(let listed?):
            entry = listed
        }
        if entry.reportsSuccess { return .outcome(.succeeded) }
        switch (mode, entry.httpStatus) {
        case (.create, 409?): return .reconcile(.compareExisting(mayBeApplied: mayBeApplied))
        case (.upsert, 409?): return .update
        case (.delete, 404?) where mayBeApplied: return .outcome(.succeeded)
        default: return .outcome(.failed(reason: entry.reason, errorCode: entry.errorCode))
        }
    }
}
