import DPSClient
import DPSJournal
import DPSManifest
import DPSModel
import Foundation

/// Reads enrollments and groups from an instance, page by page, through a ``ServiceCaller`` (paced, retried).
/// Shared by export, migrate and diff.
struct SourceInstance: Sendable {
    let client: DPSServiceClient
    let caller: ServiceCaller
    let pageSize: Int

    /// Reads through `client`, paced on its own `gate`, counting requests in `counters`.
    init(
        client: DPSServiceClient,
        gate: RateGate,
        retryPolicy: RetryPolicy,
        counters: SessionCounters,
        pageSize: Int
    ) {
        self.client = client
        self.caller = ServiceCaller(gate: gate, retryPolicy: retryPolicy, counters: counters)
        self.pageSize = pageSize
    }

    /// One query page.
    struct Page: Sendable {
        var entries: [ManifestEntry]
        /// The token of the next page of the same query; nil on the last page.
        var continuation: String?
    }

    /// A query page as the service sent it, not decoded yet.
    struct RawPage: Sendable {
        var isGroups: Bool
        var json: Data
        var continuation: String?

        /// The page's items.
        func decoded() throws -> [ManifestEntry] {
            do {
                return isGroups
                    ? try JSONDecoder().decode([EnrollmentGroup].self, from: json).map(ManifestEntry.group)
                    : try JSONDecoder().decode([IndividualEnrollment].self, from: json).map(ManifestEntry.enrollment)
            } catch {
                throw RunStopped(message: "reading the source failed: a query page is not valid: \(error)")
            }
        }
    }

    /// The page of `phase`'s query that `continuation` points at (the first page when nil), not decoded yet.
    /// `onHead` hears the next page's continuation token as soon as an answer's headers arrive (see
    /// ``DPSServiceClient/queryJSON(groups:pageSize:continuation:onHead:)``).
    func rawPage(
        _ phase: SourceCursor.Phase,
        continuation: String?,
        onHead: (@Sendable (_ continuation: String?) -> Void)? = nil
    ) async throws -> RawPage {
        guard phase != .finished else { return RawPage(isGroups: false, json: Data("[]".utf8), continuation: nil) }
        let reply = try await fetch { () throws(DPSRequestError) in
            try await client.queryJSON(
                groups: phase == .groups,
                pageSize: pageSize,
                continuation: continuation,
                onHead: onHead
            )
        }
        return RawPage(isGroups: phase == .groups, json: reply.body, continuation: reply.continuation)
    }

    /// The page of `phase`'s query that `continuation` points at (the first page when nil).
    func page(_ phase: SourceCursor.Phase, continuation: String?) async throws -> Page {
        let raw = try await rawPage(phase, continuation: continuation)
        return Page(entries: try raw.decoded(), continuation: raw.continuation)
    }

    /// The entry with what the query leaves out (symmetric keys, certificate text) fetched from its attestation
    /// mechanism: one more operation for symmetric-key and X.509 items, none for TPM.
    func completed(_ entry: ManifestEntry) async throws -> ManifestEntry {
        guard Self.needsMechanism(entry.attestation) else { return entry }
        return entry.with(attestation: try await attestation(of: entry.identifier, isGroup: entry.isGroup))
    }

    /// The attestation mechanism of the enrollment (or, when `isGroup`, the group) `identifier`, with the keys
    /// and certificate text a query leaves out.
    func attestation(of identifier: String, isGroup: Bool) async throws -> AttestationMechanism {
        try await fetch { () throws(DPSRequestError) -> AttestationMechanism in
            if isGroup { return try await client.groupAttestation(identifier) }
            return try await client.enrollmentAttestation(identifier)
        }
    }

    /// Every entry of `entries` completed (see ``completed(_:)``), `concurrency` at a time, in their order.
    func completed(_ entries: [ManifestEntry], concurrency: Int) async throws -> [ManifestEntry] {
        guard entries.contains(where: { Self.needsMechanism($0.attestation) }) else { return entries }
        return try await Self.inOrder(entries, concurrency: concurrency) { try await completed($0) }
    }

    /// `operation` of each of `inputs`, `concurrency` at a time, in the order of `inputs`.
    static func inOrder<Input: Sendable, Output: Sendable>(
        _ inputs: [Input],
        concurrency: Int,
        _ operation: @escaping @Sendable (Input) async throws -> Output
    ) async throws -> [Output] {
        var results = [Output?](repeating: nil, count: inputs.count)
        try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            var next = 0
            for _ in 0..<max(1, concurrency) where next < inputs.count {
                let index = next
                group.addTask { (index, try await operation(inputs[index])) }
                next += 1
            }
            while let (index, output) = try await group.next() {
                results[index] = output
                if next < inputs.count {
                    let index = next
                    group.addTask { (index, try await operation(inputs[index])) }
                    next += 1
                }
            }
        }
        return results.map { $0! }
    }

    /// The current, completed content of one enrollment or group, or nil when the instance no longer has it.
    func current(_ identifier: String, isGroup: Bool) async throws -> ManifestEntry? {
        var tally = ServiceCaller.Tally()
        let outcome: Result<(ManifestEntry, Int), ServiceCaller.FinalFailure> =
            if isGroup {
                try await caller.call(&tally) { () throws(DPSRequestError) in
                    ManifestEntry.group(try await client.group(identifier))
                }
            } else {
                try await caller.call(&tally) { () throws(DPSRequestError) in
                    ManifestEntry.enrollment(try await client.enrollment(identifier))
                }
            }
        switch outcome {
        case .success(let (entry, _)): return try await completed(entry)
        case .failure(let failure) where failure.status == 404: return nil
        case .failure(let failure):
            throw RunStopped(message: "reading \(identifier) from the source failed: \(failure.message)")
        }
    }

    /// Calls the instance until it answers; a final failure stops the run.
    func fetch<Value>(_ operation: () async throws(DPSRequestError) -> Value) async throws -> Value {
        var tally = ServiceCaller.Tally()
        switch try await caller.call(&tally, operation) {
        case .success(let (value, _)): return value
        case .failure(let failure): throw RunStopped(message: "reading the source failed: \(failure.message)")
        }
    }

    /// Whether the query hides something a restore needs: symmetric keys, or certificate text.
    static func needsMechanism(_ attestation: AttestationMechanism) -> Bool {
        needsMechanism(type: attestation.type)
    }

    /// Whether the query hides something a restore needs in an attestation of `type`.
    static func needsMechanism(type: AttestationType) -> Bool {
        type == .symmetricKey || type == .x509
    }
}
