import DPSJournal
import Testing

struct RunDescriptorTests {
    @Test func normalizesTheDigestToLowercase() throws {
        let run = try Fixture.run(digest: String(repeating: "AB", count: 32))
        #expect(run.manifestSHA256 == String(repeating: "ab", count: 32))
    }

    @Test(arguments: ["", "abc", String(repeating: "g", count: 64), String(repeating: "a", count: 65)])
    func refusesBadDigests(digest: String) {
        #expect(throws: JournalError.invalidManifestDigest) { try Fixture.run(digest: digest) }
    }

    @Test(arguments: ["", "[]", "not json", "42", #"{"connectionString":"HostName=x;SharedAccessKey=abc"}"#])
    func refusesBadOptions(options: String) {
        #expect(throws: JournalError.invalidOptions) { try Fixture.run(options: options) }
    }

    @Test func errorsCompareByCode() {
        let a = JournalError(code: .manifestChanged, message: "one")
        let b = JournalError(code: .manifestChanged, message: "two")
        #expect(a == b)
        #expect(a != JournalError(code: .modeMismatch, message: "one"))
        #expect(a.description == "manifestChanged: one")
    }
}
