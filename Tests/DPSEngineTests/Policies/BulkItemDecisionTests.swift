import DPSEngine
import DPSJournal
import Testing

struct BulkItemDecisionTests {
    typealias E = BulkItemEntry
    typealias D = BulkItemDecision

    /// An entry for item "a".
    static func e(_ code: Int, _ status: String? = nil) -> D.Answer {
        .entry(E(identifier: "a", errorCode: code, errorStatus: status))
    }

    /// The failure an entry for item "a" decides.
    static func failed(_ code: Int, _ status: String? = nil) -> D {
        .outcome(.failed(reason: status ?? "error \(code)", errorCode: code))
    }

    static let compare = D.reconcile(.compareExisting(mayBeApplied: false))

    @Test(
        "every documented per-item shape decides one outcome or follow-up",
        arguments: [
            // No entry: applied.
            (RunMode.create, false, D.Answer.entry(nil), D.outcome(.succeeded)),
            (.update, false, .entry(nil), .outcome(.succeeded)),
            (.upsert, true, .entry(nil), .outcome(.succeeded)),
            (.delete, false, .entry(nil), .outcome(.succeeded)),
            // Successes listed in errors[] (some SDK docs show them).
            (.create, false, e(200, "Succeeded"), .outcome(.succeeded)),
            (.update, false, e(200), .outcome(.succeeded)),
            (.delete, false, e(204), .outcome(.succeeded)),
            (.create, false, e(200_000), .outcome(.succeeded)),
            (.upsert, false, e(0, "succeeded"), .outcome(.succeeded)),
            // 409 with and without the sub-code.
            (.create, false, e(409_201), compare),
            (.create, false, e(409), compare),
            (.create, false, e(409_201, "Conflict"), compare),
            (.create, true, e(409_001), .reconcile(.compareExisting(mayBeApplied: true))),
            (.upsert, false, e(409_201), .update),
            (.upsert, true, e(409), .update),
            (.update, false, e(409_201, "Conflict"), failed(409_201, "Conflict")),
            (.delete, false, e(409), failed(409)),
            // 404: a delete that may have been applied already succeeded; anything else failed.
            (.delete, true, e(404_201), .outcome(.succeeded)),
            (.delete, true, e(404), .outcome(.succeeded)),
            (.delete, false, e(404_201), failed(404_201)),
            (.update, false, e(404_201), failed(404_201)),
            (.update, true, e(404), failed(404)),
            (.upsert, true, e(404_201), failed(404_201)),
            // ETag mismatch and bad requests fail with the service's code and text.
            (.update, false, e(412_002, "Precondition failed"), failed(412_002, "Precondition failed")),
            (.delete, true, e(412_002), failed(412_002)),
            (.create, false, e(400_004, "Endorsement key is invalid"), failed(400_004, "Endorsement key is invalid")),
            (.upsert, false, e(400_000), failed(400_000)),
            (.create, false, e(400), failed(400)),
            (.create, true, e(500_000), failed(500_000)),
            // Codes that are neither three nor six digits are refusals, never mistaken for 409 or success.
            (.create, false, e(4090), failed(4090)),
            (.create, false, e(40_900), failed(40_900)),
            (.create, false, e(-409), failed(-409)),
            // A 2xx whose body could not be read: in doubt, settled by a read.
            (.create, false, .unreadable, .reconcile(.confirmWritten(mode: .create))),
            (.update, false, .unreadable, .reconcile(.confirmWritten(mode: .update))),
            (.upsert, true, .unreadable, .reconcile(.confirmWritten(mode: .upsert))),
            (.delete, false, .unreadable, .reconcile(.confirmDeleted)),
        ] as [(RunMode, Bool, D.Answer, D)]
    )
    func decide(mode: RunMode, mayBeApplied: Bool, answer: D.Answer, expected: D) {
        #expect(D.decide(mode: mode, mayBeApplied: mayBeApplied, answer: answer) == expected)
    }

    @Test("entries match sent IDs in any case; unknown IDs are dropped; a refusal outweighs a success")
    func matching() {
        let sent = ["Dev-A", "dev-b", "dev-c", "dev-d"]
        let answer = [
            E(identifier: "DEV-A", errorCode: 409_201),
            E(identifier: "not-sent", errorCode: 400_000),
            E(identifier: "dev-c", errorCode: 200, errorStatus: "Succeeded"),
            E(identifier: "dev-c", errorCode: 412_002),
            E(identifier: "dev-d", errorCode: 400_004),
            E(identifier: "DEV-D", errorCode: 200, errorStatus: "Succeeded"),
            E(identifier: "dev-d", errorCode: 404_201),
        ]
        #expect(
            BulkAnswerMatching.entries(for: sent, in: answer) == [
                E(identifier: "DEV-A", errorCode: 409_201), nil, E(identifier: "dev-c", errorCode: 412_002),
                E(identifier: "dev-d", errorCode: 400_004),
            ]
        )
        #expect(BulkAnswerMatching.entries(for: [], in: answer).isEmpty)
        #expect(BulkAnswerMatching.entries(for: ["x"], in: []) == [nil])
        let twoSuccesses = [E(identifier: "x", errorCode: 200), E(identifier: "X", errorCode: 200, errorStatus: "ok")]
        #expect(BulkAnswerMatching.entries(for: ["x"], in: twoSuccesses) == [E(identifier: "x", errorCode: 200)])
    }

    static let notApplied = "the answer could not be read and the item is not applied; sent again on resume"
    static let stillThere = "the answer could not be read and the item still exists; sent again on resume"
    static let vanished = "the service said it exists, then that it does not; sent again on resume"

    @Test(
        "a read settles the item",
        arguments: [
            (
                Reconciliation.Purpose.compareExisting(mayBeApplied: false), Reconciliation.Found.item(differences: []),
                RecordOutcome.Result.alreadyEnrolled
            ),
            (.compareExisting(mayBeApplied: true), .item(differences: []), .succeeded),
            (
                .compareExisting(mayBeApplied: false), .item(differences: ["attestation", "iotHubHostName"]),
                .conflict(
                    reason: "already enrolled with different content (attestation, iotHubHostName)",
                    errorCode: 409_000
                )
            ),
            (.compareExisting(mayBeApplied: false), .notFound, .retry(reason: vanished, errorCode: 404)),
            (
                .compareExisting(mayBeApplied: false), .readFailed(reason: "boom", errorCode: 500_000),
                .failed(reason: "could not check the enrollment in the service: boom", errorCode: 500_000)
            ),
            (.confirmWritten(mode: .update), .item(differences: []), .succeeded),
            (
                .confirmWritten(mode: .create), .item(differences: ["capabilities"]),
                .conflict(reason: "already enrolled with different content (capabilities)", errorCode: 409_000)
            ),
            (
                .confirmWritten(mode: .upsert), .item(differences: ["capabilities"]),
                .retry(reason: notApplied, errorCode: nil)
            ),
            (.confirmWritten(mode: .create), .notFound, .retry(reason: notApplied, errorCode: nil)),
            (.confirmDeleted, .notFound, .succeeded),
            (.confirmDeleted, .item(differences: []), .retry(reason: stillThere, errorCode: nil)),
        ] as [(Reconciliation.Purpose, Reconciliation.Found, RecordOutcome.Result)]
    )
    func reconcile(purpose: Reconciliation.Purpose, found: Reconciliation.Found, expected: RecordOutcome.Result) {
        #expect(Reconciliation.outcome(purpose, found: found) == expected)
    }
}
