import DPSEngine
import Testing

struct BatchPlanTests {
    static func batches(_ identifiers: [String], size: Int = 10) throws -> [[String]] {
        let items = identifiers.enumerated().map { BatchPlan.Item(ordinal: $0.offset + 1, identifier: $0.element) }
        return try BatchPlan.batches(of: items, maximumBatchSize: size).map { $0.map(\.identifier) }
    }

    static func ids(_ count: Int, prefix: String = "device-") -> [String] {
        (0..<count).map { "\(prefix)\($0)" }
    }

    @Test(
        "batches hold at most the size and never repeat an identifier in any case",
        arguments: [
            ([], 10, []),
            (["a"], 10, [["a"]]),
            (ids(10), 10, [ids(10)]),
            (ids(25), 10, [Array(ids(25)[0..<10]), Array(ids(25)[10..<20]), Array(ids(25)[20..<25])]),
            (ids(7), 3, [["device-0", "device-1", "device-2"], ["device-3", "device-4", "device-5"], ["device-6"]]),
            (ids(3), 1, [["device-0"], ["device-1"], ["device-2"]]),
            (["a", "b", "A"], 10, [["a", "b"], ["A"]]),
            (["a", "a", "a"], 10, [["a"], ["a"], ["a"]]),
            (["a", "b", "c", "B", "d"], 10, [["a", "b", "c"], ["B", "d"]]),
            (["Device-1", "DEVICE-1"], 10, [["Device-1"], ["DEVICE-1"]]),
            (["x", "y", "z", "x"], 3, [["x", "y", "z"], ["x"]]),
            (ids(10) + ["device-0"], 10, [ids(10), ["device-0"]]),
            (["a", "b", "a", "b"], 2, [["a", "b"], ["a", "b"]]),
            (["a", "b", "b", "a"], 10, [["a", "b"], ["b", "a"]]),
            (["a-1", "a_1", "a.1"], 10, [["a-1", "a_1", "a.1"]]),
        ] as [([String], Int, [[String]])]
    )
    func batching(identifiers: [String], size: Int, expected: [[String]]) throws {
        #expect(try Self.batches(identifiers, size: size) == expected)
    }

    @Test("a size outside 1...10 is rejected", arguments: [0, -1, 11, 100, Int.min])
    func invalidSize(size: Int) {
        #expect(throws: PolicyError(.invalidBatchSize, "")) { try BatchPlan(maximumBatchSize: size) }
    }

    @Test("every size in 1...10 is accepted", arguments: 1...10)
    func validSize(size: Int) throws {
        #expect(try BatchPlan(maximumBatchSize: size).maximumBatchSize == size)
    }

    @Test("streaming hands out each batch as soon as it closes, ordinals intact")
    func streaming() throws {
        var plan = try BatchPlan(maximumBatchSize: 3)
        #expect(plan.add(ordinal: 1, identifier: "a") == nil)
        #expect(plan.add(ordinal: 2, identifier: "b") == nil)
        #expect(plan.pending.map(\.ordinal) == [1, 2])
        // A repeat closes the batch before it; the repeat starts the next one.
        #expect(
            plan.add(ordinal: 3, identifier: "A") == [
                .init(ordinal: 1, identifier: "a"), .init(ordinal: 2, identifier: "b"),
            ]
        )
        #expect(plan.pending == [.init(ordinal: 3, identifier: "A")])
        #expect(plan.add(ordinal: 4, identifier: "c") == nil)
        // Filling the batch hands it out with the item that filled it.
        #expect(plan.add(ordinal: 5, identifier: "d")?.map(\.ordinal) == [3, 4, 5])
        #expect(plan.pending.isEmpty)
        // An identifier may come back once its batch is gone.
        #expect(plan.add(ordinal: 6, identifier: "a") == nil)
        #expect(plan.finish() == [.init(ordinal: 6, identifier: "a")])
        #expect(plan.finish() == nil)
    }

    @Test("random streams with many repeats keep both rules and lose nothing", arguments: [1, 2, 3, 7, 10])
    func randomStreams(size: Int) throws {
        var random = SplitMix64(seed: UInt64(size) * 7919)
        let identifiers = (0..<2000).map { _ -> String in
            let id = "id-\(Int.random(in: 0..<40, using: &random))"
            return Bool.random(using: &random) ? id.uppercased() : id
        }
        let batches = try Self.batches(identifiers, size: size)
        #expect(batches.allSatisfy { !$0.isEmpty && $0.count <= size })
        #expect(batches.allSatisfy { Set($0.map { $0.lowercased() }).count == $0.count })
        #expect(batches.flatMap { $0 } == identifiers)
        // Greedy: a batch short of the size closes only because the next identifier repeats one in it.
        for (batch, next) in zip(batches, batches.dropFirst()) where batch.count < size {
            #expect(batch.map { $0.lowercased() }.contains(next[0].lowercased()))
        }
    }
}
