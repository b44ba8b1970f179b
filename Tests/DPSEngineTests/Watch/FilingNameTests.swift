import DPSEngine
import Testing

struct FilingNameTests {
    @Test(arguments: [
        ("line7.csv", [String](), "line7.csv"),
        ("line7.csv", ["line7.csv"], "line7-2.csv"),
        ("line7.csv", ["line7.csv", "line7-2.csv"], "line7-3.csv"),
        ("b.jsonl.gz", ["b.jsonl.gz"], "b-2.jsonl.gz"),
        ("noext", ["noext"], "noext-2"),
        // A companion left behind takes the name too: a filed file never gets another's summary or reason.
        ("a.csv", ["a.csv.reason.txt"], "a-2.csv"),
        ("a.csv", ["a.csv.report.csv"], "a-2.csv"),
        ("a.jsonl", ["a.jsonl.report.jsonl"], "a-2.jsonl"),
    ])
    func theFirstFreeNameKeepsTheExtensions(name: String, taken: [String], expected: String) {
        #expect(FilingName.unique(for: name, taken: Set(taken)) == expected)
    }

    @Test func theReportTakesTheManifestsFormatWithoutCompression() {
        #expect(FilingName.reportSuffix(forManifest: "a.csv") == ".report.csv")
        #expect(FilingName.reportSuffix(forManifest: "a.CSV.gz") == ".report.csv")
        #expect(FilingName.reportSuffix(forManifest: "b.jsonl.gz") == ".report.jsonl")
    }
}
