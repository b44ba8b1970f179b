import DPSJournal

/// Settles an item by what the service holds for it: the pure half of a reconcile read.
public enum Reconciliation {
    /// Why the item is read.
    public enum Purpose: Sendable, Equatable {
        /// A create answered 409: the same content is the item already enrolled (a success; a plain success when
        /// an earlier attempt of ours may have written it), other content a conflict naming the fields.
        case compareExisting(mayBeApplied: Bool)
        /// A write whose answer could not be read: applied when the service holds the same content.
        case confirmWritten(mode: RunMode)
        /// A delete whose answer could not be read: applied when the service no longer holds the item.
        case confirmDeleted
    }

    /// What the read found.
    public enum Found: Sendable, Equatable {
        /// The service holds the item; `differences` names the fields that differ from the record (empty: same).
        case item(differences: [String])
        /// The service does not hold the item (404).
        case notFound
        /// The read itself failed for good.
        case readFailed(reason: String, errorCode: Int?)
    }

    /// The outcome of the item.
    public static func outcome(_ purpose: Purpose, found: Found) -> RecordOutcome.Result {
        switch (purpose, found) {
        case (_, .readFailed(let reason, let code)):
            return .failed(reason: "could not check the enrollment in the service: \(reason)", errorCode: code)
        case (.compareExisting(let mayBeApplied), .item(let differences)) where differences.isEmpty:
            return mayBeApplied ? .succeeded : .alreadyEnrolled
        case (.compareExisting, .item(let differences)):
            return .conflict(
                reason: "already enrolled with different content (\(differences.joined(separator: ", ")))",
                errorCode: 409_000
            )
        case (.compareExisting, .notFound):
            return .retry(
                reason: "the service said it exists, then that it does not; sent again on resume",
                errorCode: 404
            )
        case (.confirmWritten, .item(let differences)) where differences.isEmpty:
            return .succeeded
        case (.confirmWritten(.create), .item(let differences)):
            return .conflict(
                reason: "already enrolled with different content (\(differences.joined(separator: ", ")))",
                errorCode: 409_000
            )
        case (.confirmWritten, _):
            return .retry(
                reason: "the answer could not be read and the item is not applied; sent again on resume",
                errorCode: nil
            )
        case (.confirmDeleted, .notFound):
            return .succeeded
        case (.confirmDeleted, .item):
            return .retry(
                reason: "the answer could not be read and the item still exists; sent again on resume",
                errorCode: nil
            )
        }
    }
}
