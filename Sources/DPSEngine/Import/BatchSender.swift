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
    let gate: RateGate
    let retryPolicy: RetryPolicy
    let counters: SessionCounters

    /// A record to send.
    struct Planned<Item: Sendable>: Sendable {
        let ordinal: Int
        let item: Item
        /// It may have reached the service before (in flight when an earlier session stopped).
        let mayBeApplied: Bool
    }

    /// The outcome of a batch and the requests, throttles and retries it took.
    struct Result: Sendable {
        var outcomes: [RecordOutcome]
        /// Every request the batch took (the first, retries, reconciliation, upsert follow-ups).
        var requests = 0
        var throttled = 0
        var retries = 0
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
        let first = try await call(&result) { () throws(DPSRequestError) in
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
            let second = try await call(&result) { () throws(DPSRequestError) in
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
        let fetched = try await call(&result) { () throws(DPSRequestError) in
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

    struct FinalFailure: Error {
        let status: Int
        let errorCode: Int?
        let message: String
    }

    /// Calls the service until it answers for good; returns the value and the number of attempts, or the final
    /// failure. Throws ``ImportStopped`` when the run must stop.
    private func call<Value>(
        _ result: inout Result,
        _ operation: () async throws(DPSRequestError) -> Value
    ) async throws -> Swift.Result<(Value, Int), FinalFailure> {
        var random = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            let sentAt = try await gate.waitForSlot()
            counters.add(requests: 1)
            result.requests += 1
            let outcome: ServiceCallOutcome
            do throws(DPSRequestError) {
                let value = try await operation()
                await gate.record(throttled: false, sentAt: sentAt)
                counters.set(operationsPerMinute: await gate.operationsPerMinute)
                return .success((value, attempt))
            } catch {
                switch error.kind {
                case .service(let status, let errorCode, let message, let retryAfter):
                    outcome = .response(status: status, retryAfter: retryAfter, errorCode: errorCode, message: message)
                case .transport(let description):
                    outcome = .transportFailure(description: description, isTransient: true)
                case .malformedResponse(let description):
                    return .failure(FinalFailure(status: 200, errorCode: nil, message: description))
                }
            }
            let throttled = { if case .response(429, _, _, _) = outcome { return true } else { return false } }()
            await gate.record(throttled: throttled, sentAt: sentAt)
            counters.set(operationsPerMinute: await gate.operationsPerMinute)
            switch ResponseClassification(outcome, now: Date()) {
            case .success:
                preconditionFailure("a failed call classified as success")
            case .final(let status, let errorCode, let message):
                return .failure(FinalFailure(status: status, errorCode: errorCode, message: message))
            case .fatal(let message):
                throw ImportStopped(message: message)
            case .retry(let reason, let retryAfter):
                if throttled {
                    result.throttled += 1
                    counters.add(throttled: 1)
                }
                guard let delay = retryPolicy.delay(forAttempt: attempt, retryAfter: retryAfter, using: &random) else {
                    throw ImportStopped(
                        message: "the service did not answer after \(attempt) attempts (last: \(reason)); "
                            + "run the same command again to resume"
                    )
                }
                result.retries += 1
                counters.add(retries: 1)
                try await Task.sleep(for: .seconds(delay))
            }
        }
    }
}
