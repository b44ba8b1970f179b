import DPSEngine
import Testing

struct UpsertStrategyTests {
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
