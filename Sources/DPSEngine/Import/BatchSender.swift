import DPSClient
import DPSJournal
import DPSModel
import Foundation

/// Sends one batch of records as a bulk operation and decides each record's outcome.
///
/// Transient failures are retried with the ``RetryPolicy`` (honouring `Retry-After`) at the pace of the
/// ``RateGate``; refused credentials or a service that never answers stop the run (``ImportStopped``).
/// Reconciliation: a 409 on a create of a record that may already have been sent (a retry in this session, or
/// a record that was in flight when an earlier session died) is checked against the service — same content
/// counts as success, different content is a conflict; likewise a 404 on such a delete is a success.
struct BatchSender: Sendable {
    let client: DPSServiceClient
    let mode: RunMode
    let caller: ServiceCaller

    /// A record to send.
    struct Planned<Item: Sendable>: Sendable {
        let ordinal: Int
        let item: Item
        /// It may have reached the service before (in flight when an earlier session stopped).
        let mayBeApplied: Bool
    }

    /// The outcome of a batch and the requests, throttles and retries it took (the first request, retries,
    /// reconciliation, upsert follow-ups).
    struct Result: Sendable {
        var outcomes: [RecordOutcome]
        var tally = ServiceCaller.Tally()
    }

    func send<Kind: ImportKind>(_ batch: [Planned<Kind.Item>], as kind: Kind.Type) async throws -> Result {
        var result = Result(outcomes: [])
        let items = batch.map(\.item)
        let bulkMode: BulkOperationMode =
            switch mode {
            case .create, .upsert: .create
            case .update: .update
            case .delete: .delete
            }
        let first = try await caller.call(&result.tally) { () throws(DPSRequestError) in
            try await Kind.bulk(client, items, mode: bulkMode)
        }
        let (errors, attempts): ([UpsertStrategy.ItemError], Int)
        switch first {
        case .failure(let failure):
            result.outcomes = batch.map {
                RecordOutcome(ordinal: $0.ordinal, .failed(reason: failure.message, errorCode: failure.errorCode))
            }
            return result
        case .success(let value):
            (errors, attempts) = value
        }
        var errorsById: [String: UpsertStrategy.ItemError] = [:]
        for error in errors { errorsById[error.identifier.lowercased()] = error }
        var toUpdate: [Planned<Kind.Item>] = []
        for planned in batch {
            let id = Kind.identifier(planned.item)
            guard let error = errorsById[id.lowercased()] else {
                result.outcomes.append(RecordOutcome(ordinal: planned.ordinal, .succeeded))
                continue
            }
            let reason = error.errorStatus ?? "error \(error.errorCode)"
            let mayBeApplied = planned.mayBeApplied || attempts > 1
            switch (mode, error.errorCode / 1000) {
            case (.upsert, 409):
                toUpdate.append(planned)
            case (.create, 409) where mayBeApplied:
                result.outcomes.append(
                    RecordOutcome(ordinal: planned.ordinal, try await reconcile(planned.item, as: kind, &result))
                )
            case (.create, 409):
                result.outcomes.append(
                    RecordOutcome(
                        ordinal: planned.ordinal,
                        .conflict(reason: "already enrolled in the service: \(reason)", errorCode: error.errorCode)
                    )
                )
            case (.delete, 404) where mayBeApplied:
                result.outcomes.append(RecordOutcome(ordinal: planned.ordinal, .succeeded))
            default:
                result.outcomes.append(
                    RecordOutcome(ordinal: planned.ordinal, .failed(reason: reason, errorCode: error.errorCode))
                )
            }
        }
        if !toUpdate.isEmpty {
            let updateItems = toUpdate.map(\.item)
            let second = try await caller.call(&result.tally) { () throws(DPSRequestError) in
                try await Kind.bulk(client, updateItems, mode: .update)
            }
            switch second {
            case .failure(let failure):
                for planned in toUpdate {
                    result.outcomes.append(
                        RecordOutcome(
                            ordinal: planned.ordinal,
                            .failed(reason: failure.message, errorCode: failure.errorCode)
                        )
                    )
                }
            case .success(let (updateErrors, _)):
                let failed = Dictionary(
                    updateErrors.map { ($0.identifier.lowercased(), $0) },
                    uniquingKeysWith: { a, _ in a }
                )
                for planned in toUpdate {
                    if let error = failed[Kind.identifier(planned.item).lowercased()] {
                        result.outcomes.append(
                            RecordOutcome(
                                ordinal: planned.ordinal,
                                .failed(
                                    reason: error.errorStatus ?? "error \(error.errorCode)",
                                    errorCode: error.errorCode
                                )
                            )
                        )
                    } else {
                        result.outcomes.append(RecordOutcome(ordinal: planned.ordinal, .succeeded))
                    }
                }
            }
        }
        return result
    }

    /// Compares what the service holds with the record: success when the same, a conflict naming the fields when not.
    private func reconcile<Kind: ImportKind>(
        _ item: Kind.Item,
        as kind: Kind.Type,
        _ result: inout Result
    ) async throws -> RecordOutcome.Result {
        let id = Kind.identifier(item)
        let fetched = try await caller.call(&result.tally) { () throws(DPSRequestError) in
            try await Kind.current(client, id, withKeys: Kind.hasKeys(item))
        }
        switch fetched {
        case .failure(let failure):
            return .failed(
                reason: "could not check the existing enrollment: \(failure.message)",
                errorCode: failure.errorCode
            )
        case .success(let (actual, _)):
            let differences = Kind.differences(expected: item, actual: actual)
            if differences.isEmpty { return .succeeded }
            return .conflict(
                reason: "already enrolled with different content (\(differences.joined(separator: ", ")))",
                errorCode: 409_000
            )
        }
    }
}
