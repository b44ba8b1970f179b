import DPSEngine
import Testing

struct DryRunEstimateTests {
    @Test(
        "a create adds at most one read per record that already exists; the other modes none",
        arguments: [
            (25, 3, DryRunEstimate.Mode.create, 28), (0, 0, .create, 0), (25, 3, .update, 0),
            (25, 3, .upsert(existingShare: 1), 0),
        ] as [(Int, Int, DryRunEstimate.Mode, Int)]
    )
    func maximumReads(records: Int, groups: Int, mode: DryRunEstimate.Mode, expected: Int) throws {
        let estimate = try DryRunEstimate(records: records, groups: groups, mode: mode, operationsPerMinute: 1000)
        #expect(estimate.maximumReads == expected)
    }

    @Test(
        "operations and whole minutes at the given rate",
        arguments: [
            (1_000_000, 0, DryRunEstimate.Mode.create, 1000.0, 100_000, 100, "1 h 40 min"),
            (1_000_000, 0, .create, 200, 100_000, 500, "8 h 20 min"),
            (1_000_000, 0, .update, 1000, 100_000, 100, "1 h 40 min"),
            (1_000_000, 0, .upsert(existingShare: 0), 1000, 100_000, 100, "1 h 40 min"),
            (1_000_000, 0, .upsert(existingShare: 1), 1000, 200_000, 200, "3 h 20 min"),
            (0, 0, .create, 1000, 0, 0, "0 min"),
            (1, 0, .update, 1000, 1, 1, "1 min"),
            (25, 3, .create, 1000, 4, 1, "1 min"),
            (25, 3, .upsert(existingShare: 1), 1000, 8, 1, "1 min"),
            (0, 200, .create, 10, 20, 2, "2 min"),
            (1200, 0, .create, 2, 120, 60, "1 h"),
            (599_990, 0, .create, 1000, 59_999, 60, "1 h"),
            (600_010, 0, .create, 1000, 60_001, 61, "1 h 1 min"),
            (1000, 0, .create, 1000.0 / 3, 100, 1, "1 min"),
        ] as [(Int, Int, DryRunEstimate.Mode, Double, Int, Int, String)]
    )
    func estimate(
        records: Int,
        groups: Int,
        mode: DryRunEstimate.Mode,
        operationsPerMinute: Double,
        operations: Int,
        minutes: Int,
        duration: String
    ) throws {
        let estimate = try DryRunEstimate(
            records: records,
            groups: groups,
            mode: mode,
            operationsPerMinute: operationsPerMinute
        )
        #expect(estimate.operations == operations)
        #expect(estimate.minutes == minutes)
        #expect(estimate.duration == duration)
    }

    @Test("a smaller batch size costs more calls")
    func batchSize() throws {
        let estimate = try DryRunEstimate(
            records: 100,
            groups: 0,
            mode: .create,
            operationsPerMinute: 1000,
            batchSize: 5
        )
        #expect(estimate.operations == 20)
    }

    @Test(
        "durations read as hours and minutes",
        arguments: [
            (0, "0 min"), (1, "1 min"), (59, "59 min"), (60, "1 h"), (61, "1 h 1 min"), (100, "1 h 40 min"),
            (120, "2 h"), (5000, "83 h 20 min"), (-5, "0 min"),
        ]
    )
    func describe(minutes: Int, expected: String) {
        #expect(DryRunEstimate.describe(minutes: minutes) == expected)
    }

    @Test(
        "impossible inputs are rejected",
        arguments: [
            (10, 0, DryRunEstimate.Mode.create, 0.0, 10, PolicyError.Code.invalidRate),
            (10, 0, .create, -5, 10, .invalidRate),
            (10, 0, .create, .infinity, 10, .invalidRate),
            (10, 0, .create, .nan, 10, .invalidRate),
            (-1, 0, .create, 1000, 10, .invalidEstimateInput),
            (10, -1, .create, 1000, 10, .invalidEstimateInput),
            (10, 0, .upsert(existingShare: 2), 1000, 10, .invalidEstimateInput),
            (10, 0, .create, 1000, 11, .invalidBatchSize),
        ] as [(Int, Int, DryRunEstimate.Mode, Double, Int, PolicyError.Code)]
    )
    func invalid(
        records: Int,
        groups: Int,
        mode: DryRunEstimate.Mode,
        operationsPerMinute: Double,
        batchSize: Int,
        code: PolicyError.Code
    ) {
        #expect(throws: PolicyError(code, "")) {
            try DryRunEstimate(
                records: records,
                groups: groups,
                mode: mode,
                operationsPerMinute: operationsPerMinute,
                batchSize: batchSize
            )
        }
    }
}
