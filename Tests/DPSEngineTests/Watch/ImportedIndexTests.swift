import DPSEngine
import Foundation
import Testing

struct ImportedIndexTests {
    private func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("imported-\(UUID().uuidString).jsonl")
    }

    @Test func contentImportedOnceIsADuplicateAfterARestart() throws {
        let file = temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let index = try ImportedIndex(path: file)
        #expect(index.claim("aaaa", for: "a.csv") == nil)
        try index.recordImported("aaaa", filedAs: "a.csv")
        try index.recordImported("aaaa", filedAs: "a.csv")  // a filing finished again after a crash
        let reopened = try ImportedIndex(path: file)
        #expect(reopened.claim("aaaa", for: "b.csv")?.contains("imported already, as done/a.csv") == true)
        #expect(reopened.claim("bbbb", for: "b.csv") == nil)
        #expect(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").count == 1)
    }

    @Test func theSameContentInTwoJobsAtOnceIsADuplicateUntilReleased() throws {
        let index = try ImportedIndex(path: temporaryFile())
        #expect(index.claim("cccc", for: "a.csv") == nil)
        #expect(index.claim("cccc", for: "a.csv") == nil, "a job resuming its own claim")
        #expect(index.claim("cccc", for: "b.csv")?.contains("being imported already, as a.csv") == true)
        index.release("cccc")
        #expect(index.claim("cccc", for: "b.csv") == nil)
    }

    @Test func aDamagedLineIsSkipped() throws {
        let file = temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("not json\n{\"sha256\":\"dddd\",\"filedAs\":\"d.csv\",\"at\":\"2026-12-04T00:00:00Z\"}\n".utf8)
            .write(to: file)
        let index = try ImportedIndex(path: file)
        #expect(index.claim("dddd", for: "x.csv") != nil)
    }
}
