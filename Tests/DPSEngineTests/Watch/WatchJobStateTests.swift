import DPSEngine
import Testing

struct WatchJobStateTests {
    @Test func theAllowedMovesAreExactlyTheDiagramsArrows() {
        let allowed: Set<String> = [
            "queued>validating", "queued>rejected", "validating>importing", "validating>rejected", "validating>queued",
            "importing>done", "importing>rejected", "importing>queued",
        ]
        for from in WatchJobState.allCases {
            for to in WatchJobState.allCases {
                let move = "\(from.rawValue)>\(to.rawValue)"
                #expect(from.canMove(to: to) == allowed.contains(move), "\(move)")
            }
        }
    }

    @Test(arguments: [
        (WatchJobState.queued, WatchJobState.queued), (.validating, .queued), (.importing, .queued), (.done, .done),
        (.rejected, .rejected),
    ])
    func aJobFoundAtStartResumesUnfinishedOrFinishesItsFiling(found: WatchJobState, resumes: WatchJobState) {
        #expect(found.onRestart == resumes)
    }

    @Test func aRecordRefusesAMoveTheMachineDoesNotAllow() throws {
        var record = WatchJobRecord(name: "a.csv")
        try record.move(to: .validating)
        try record.move(to: .importing)
        try record.move(to: .done)
        #expect(throws: WatchError(.invalidTransition, "")) { try record.move(to: .queued) }
        #expect(record.state == .done)
    }
}
