import DPSEngine
import Testing

struct CheckpointScheduleTests {
    @Test(
        "a checkpoint is due once the interval has passed or enough bytes wait, never with nothing new",
        arguments: [
            (0, 0, false),  // nothing written since: never
            (10_000, 0, false),
            (0, 1, false),  // a page just after the last checkpoint
            (249, 5_000_000, false),
            (250, 1, true),  // the interval passed
            (10_000, 800_000, true),  // a paced export: a page long after the last checkpoint
            (1, 64 << 20, true),  // too much waiting, however soon
            (1, (64 << 20) - 1, false),
        ] as [(Int, Int, Bool)]
    )
    func due(milliseconds: Int, unsynced: Int, expected: Bool) {
        let schedule = CheckpointSchedule()
        #expect(schedule.isDue(sinceLast: .milliseconds(milliseconds), unsynced: unsynced) == expected)
    }

    @Test func aZeroIntervalCheckpointsAfterEveryPageThatWroteSomething() {
        let schedule = CheckpointSchedule(interval: .zero)
        #expect(schedule.isDue(sinceLast: .zero, unsynced: 1))
        #expect(!schedule.isDue(sinceLast: .seconds(5), unsynced: 0))
    }
}
