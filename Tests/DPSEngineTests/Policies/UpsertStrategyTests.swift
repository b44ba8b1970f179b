import DPSEngine
import Testing

struct UpsertStrategyTests {
    @Test(
        "409 and 409xxx mean the record exists; other codes do not",
        arguments: [
            (409, true), (409_000, true), (409_001, true), (409_999, true),
            (200, false), (400, false), (404, false), (412, false), (400_004, false), (404_201, false),
            (408_999, false), (410_000, false), (4090, false), (40_900, false), (0, false), (-409, false),
        ]
    )
    func conflict(errorCode: Int, expected: Bool) {
        #expect(UpsertStrategy.isConflict(errorCode: errorCode) == expected)
    }

    typealias E = UpsertStrategy.ItemError

    @Test(
        "the follow-up update holds exactly the batch's 409s, in the batch's order and spelling",
        arguments: [
            (["a", "b", "c"], [E(identifier: "b", errorCode: 409_001)], ["b"]),
            (
                ["a", "b", "c"], [E(identifier: "c", errorCode: 409_001), E(identifier: "a", errorCode: 409)],
                ["a", "c"]
            ),
            (
                ["Dev-A", "dev-b"],
                [E(identifier: "dev-a", errorCode: 409_001), E(identifier: "DEV-B", errorCode: 409_001)],
                ["Dev-A", "dev-b"]
            ),
            (
                ["a", "b"],
                [E(identifier: "a", errorCode: 200, errorStatus: "Succeeded"), E(identifier: "b", errorCode: 409_001)],
                ["b"]
            ),
            (["a", "b"], [E(identifier: "a", errorCode: 400_004), E(identifier: "b", errorCode: 404_201)], []),
            (["a", "b"], [E(identifier: "zzz", errorCode: 409_001)], []),
            (["a", "b"], [], []),
            ([], [E(identifier: "a", errorCode: 409_001)], []),
        ] as [([String], [E], [String])]
    )
    func identifiersToUpdate(sent: [String], errors: [E], expected: [String]) {
        #expect(UpsertStrategy.identifiersToUpdate(sent: sent, createErrors: errors) == expected)
    }

    @Test(
        "1 operation per batch when all are new, 2 when some exist",
        arguments: [
            (0, 0.0, 10, 0), (1, 0, 10, 1), (10, 0, 10, 1), (11, 0, 10, 2), (100, 0, 10, 10),
            (1_000_000, 0, 10, 100_000),
            (1, 1, 10, 2), (100, 1, 10, 20), (95, 1, 10, 20), (15, 1, 5, 6),
            (100, 0.5, 10, 20), (100, 0.01, 10, 11), (1000, 0.1, 10, 166), (7, 0.5, 10, 2),
            (1_000_000, 0.001, 10, 100_996),
        ] as [(Int, Double, Int, Int)]
    )
    func operations(records: Int, existingShare: Double, batchSize: Int, expected: Int) throws {
        #expect(
            try UpsertStrategy.operations(forRecords: records, existingShare: existingShare, batchSize: batchSize)
                == expected
        )
    }

    @Test(
        "estimates reject impossible inputs",
        arguments: [
            (-1, 0.0, 10, PolicyError.Code.invalidEstimateInput),
            (10, -0.1, 10, .invalidEstimateInput),
            (10, 1.1, 10, .invalidEstimateInput),
            (10, .nan, 10, .invalidEstimateInput),
            (10, 0.5, 0, .invalidBatchSize),
            (10, 0.5, 11, .invalidBatchSize),
        ] as [(Int, Double, Int, PolicyError.Code)]
    )
    func invalid(records: Int, existingShare: Double, batchSize: Int, code: PolicyError.Code) {
        #expect(throws: PolicyError(code, "")) {
            try UpsertStrategy.operations(forRecords: records, existingShare: existingShare, batchSize: batchSize)
        }
    }
}
