import DPSEngine
import Testing

struct InboxScanTests {
    private func decisions(
        _ names: [String],
        convention: ReadyConvention = .rename,
        inProgress: Set<String> = []
    ) -> [String: InboxScan.Decision] {
        let items = InboxScan.decide(
            names.map { InboxEntry(name: $0) },
            convention: convention,
            jobsInProgress: inProgress
        )
        return Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.decision) })
    }

    @Test(arguments: [
        ".line7.csv", "line7.csv.tmp", "line7.csv.part", "line7.csv.PART", "line7.csv.partial", "line7.csv.filepart",
        "line7.csv~", "~line7.csv", "line7.csv.swp", "x.crdownload", "x.temp",
    ])
    func aTemporaryNameWaitsUnderEitherConvention(name: String) {
        for convention in ReadyConvention.allCases {
            guard case .waiting = decisions([name], convention: convention)[name] else {
                Issue.record("\(name) under \(convention) was not left waiting")
                return
            }
        }
    }

    @Test func underTheRenameConventionEveryOtherFileIsTakenAndItsMarkerGoesWithIt() {
        let found = decisions(["a.csv", "b.jsonl.gz", "b.jsonl.gz.ready"])
        #expect(found["a.csv"] == .take(marker: nil))
        #expect(found["b.jsonl.gz"] == .take(marker: "b.jsonl.gz.ready"))
        #expect(found["b.jsonl.gz.ready"] == .ignored(reason: "the ready marker of b.jsonl.gz"))
    }

    @Test func underTheMarkerConventionAFileWaitsForItsMarker() {
        let found = decisions(["a.csv", "b.csv", "b.csv.ready", "c.csv.ready"], convention: .marker)
        #expect(found["a.csv"] == .waiting(reason: "no a.csv.ready marker yet"))
        #expect(found["b.csv"] == .take(marker: "b.csv.ready"))
        #expect(found["c.csv.ready"] == .waiting(reason: "a ready marker whose manifest is not there yet"))
    }

    @Test func aFileNamedLikeAJobInProgressIsADuplicate() {
        let found = decisions(["a.csv", "b.csv", "b.csv.ready"], inProgress: ["a.csv", "b.csv"])
        #expect(found["a.csv"] == .duplicateName(marker: nil))
        #expect(found["b.csv"] == .duplicateName(marker: "b.csv.ready"))
    }

    @Test func theWatchersFoldersAndNonRegularFilesAreIgnored() {
        let items = InboxScan.decide(
            [
                InboxEntry(name: "done", isRegularFile: false), InboxEntry(name: "rejected", isRegularFile: false),
                InboxEntry(name: "sub", isRegularFile: false), InboxEntry(name: "fifo.csv", isRegularFile: false),
            ],
            convention: .rename,
            jobsInProgress: []
        )
        #expect(items.map(\.name) == ["done", "fifo.csv", "rejected", "sub"])
        for item in items {
            guard case .ignored = item.decision else {
                Issue.record("\(item.name) was not ignored")
                continue
            }
        }
    }

    @Test func theMarkerOfANonRegularFileDoesNotMakeItReady() {
        let items = InboxScan.decide(
            [InboxEntry(name: "x.csv", isRegularFile: false), InboxEntry(name: "x.csv.ready")],
            convention: .marker,
            jobsInProgress: []
        )
        #expect(
            items.first { $0.name == "x.csv.ready" }?.decision
                == .waiting(reason: "a ready marker whose manifest is not there yet")
        )
    }
}
