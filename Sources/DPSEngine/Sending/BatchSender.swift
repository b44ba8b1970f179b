import DPSClient
import DPSJournal
import DPSModel
import Foundation

/// Sends one batch of records as a bulk operation and carries out what ``BulkItemDecision`` decides for each item.
///
/// Transient failures are retried with the ``RetryPolicy`` (honouring `Retry-After`) at the pace of the
/// ``RateGate``; refused credentials or a service that never answers stop the run (``RunStopped``).
/// The follow-ups are a reconcile read of one item (settled by ``Reconciliation``) and, for upsert, one bulk
/// `update` of the items that already existed.
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
        /// Reconcile reads made (each also counted in `tally.requests`).
        var reads = 0
    }

    func send<Kind: BulkItemKind>(_ batch: [Planned<Kind.Item>], as kind: Kind.Type) async throws -> Result {
        var result = Result(outcomes: [])
        let bulkMode: BulkOperationMode =
            switch mode {
            case .create, .upsert: .create
            case .update: .update
            case .delete: .delete
            }
        var toUpdate: [Planned<Kind.Item>] = []
        try await sendBulk(batch, bulkMode: bulkMode, decidingAs: mode, as: kind, into: &result, toUpdate: &toUpdate)
        if !toUpdate.isEmpty {
            var none: [Planned<Kind.Item>] = []
            try await sendBulk(
                toUpdate,
                bulkMode: .update,
                decidingAs: .update,
                as: kind,
                into: &result,
                toUpdate: &none
            )
        }
        return result
    }

    /// Sends one bulk call and decides each of its items.
    private func sendBulk<Kind: BulkItemKind>(
        _ batch: [Planned<Kind.Item>],
        bulkMode: BulkOperationMode,
        decidingAs decisionMode: RunMode,
        as kind: Kind.Type,
        into result: inout Result,
        toUpdate: inout [Planned<Kind.Item>]
    ) async throws {
        let items = batch.map(\.item)
        let answer = try await caller.call(&result.tally) { () throws(DPSRequestError) in
            try await Kind.bulk(client, items, mode: bulkMode)
        }
        let answers: [BulkItemDecision.Answer]
        let attempts: Int
        switch answer {
        case .failure(let failure) where failure.status == 200:
            // A 2xx whose body could not be read: the items are in doubt, not failed.
            (answers, attempts) = (Array(repeating: .unreadable, count: batch.count), 1)
        case .failure(let failure):
            for planned in batch {
                let outcome = RecordOutcome.Result.failed(reason: failure.message, errorCode: failure.errorCode)
                result.outcomes.append(RecordOutcome(ordinal: planned.ordinal, outcome))
            }
            return
        case .success(let (entries, tries)):
            let sent = batch.map { Kind.identifier($0.item) }
            answers = BulkAnswerMatching.entries(for: sent, in: entries).map { .entry($0) }
            attempts = tries
        }
        for (planned, itemAnswer) in zip(batch, answers) {
            let decision = BulkItemDecision.decide(
                mode: decisionMode,
                mayBeApplied: planned.mayBeApplied || attempts > 1,
                answer: itemAnswer
            )
            switch decision {
            case .outcome(let outcome):
                result.outcomes.append(RecordOutcome(ordinal: planned.ordinal, outcome))
            case .update:
                toUpdate.append(planned)
            case .reconcile(let purpose):
                let found = try await read(planned.item, as: kind, into: &result)
                result.outcomes.append(
                    RecordOutcome(ordinal: planned.ordinal, Reconciliation.outcome(purpose, found: found))
                )
            }
        }
    }

    /// Reads what the service holds for the item and compares it with the record. Each call the read takes (the
    /// item, then its keys when the record gives keys) is one request of its own.
    private func read<Kind: BulkItemKind>(
        _ item: Kind.Item,
        as kind: Kind.Type,
        into result: inout Result
    ) async throws -> Reconciliation.Found {
        let id = Kind.identifier(item)
        result.reads += 1
        let fetched = try await caller.call(&result.tally) { () throws(DPSRequestError) in
            try await Kind.current(client, id)
        }
        var actual: Kind.Item
        switch fetched {
        case .failure(let failure) where failure.status == 404:
            return .notFound
        case .failure(let failure):
            return .readFailed(reason: failure.message, errorCode: failure.errorCode)
        case .success(let (value, _)):
            actual = value
        }
        if Kind.hasKeys(item) {
            let keys = try await caller.call(&result.tally) { () throws(DPSRequestError) in
                try await Kind.keys(client, id)
            }
            switch keys {
            case .failure(let failure) where failure.status == 404:
                return .notFound
            case .failure(let failure):
                return .readFailed(reason: failure.message, errorCode: failure.errorCode)
            case .success(let (value, _)):
                actual = Kind.setting(value, on: actual)
            }
        }
        return .item(differences: Kind.differences(expected: item, actual: actual))
    }
}
