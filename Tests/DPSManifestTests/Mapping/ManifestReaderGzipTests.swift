import Foundation
import Testing

@testable import DPSManifest

/// Gzip manifests read through ``ManifestReader`` give exactly the records of the plain file.
struct ManifestReaderGzipTests {
    static let csv = """
        registrationId,attestation,endorsementKey,iotHubHostName,initialTwin
        dev-1,tpm,AAAA,hub.azure-devices.net,"{""tags"":{""line"":""3""}}"
        dev-2,tpm,BBBB,,
        "dev-3",tpm,CCCC,hub.azure-devices.net,

        """

    static let jsonLines = """
        {"registrationId":"dev-1","attestation":{"type":"tpm","tpm":{"endorsementKey":"AAAA"}}}

        {"registrationId":"dev-2","attestation":{"type":"symmetricKey"},"provisioningStatus":"disabled"}
        {"enrollmentGroupId":"group-1","attestation":{"type":"symmetricKey"}}

        """

    /// A record without its file name, which differs between the plain and the compressed file.
    struct Read: Hashable {
        var line: Int
        var entry: ManifestEntry?
        var identifier: String?
        var original: OriginalRecord
        var findings: [String]
    }

    /// Writes `text` as `name` and gzipped (split into two members mid-record) as `gzipName` in one directory.
    static func write(_ text: String, name: String, gzipName: String) throws -> (plain: String, gzip: String) {
        let bytes = Array(text.utf8)
        let plain = try GzipTool.temporaryFile(named: name, contents: bytes)
        let gzip = URL(fileURLWithPath: plain).deletingLastPathComponent().appendingPathComponent(gzipName).path
        let half = bytes.count / 2
        let members = try GzipTool.compress(Array(bytes[..<half])) + GzipTool.compress(Array(bytes[half...]))
        try Data(members).write(to: URL(fileURLWithPath: gzip))
        return (plain, gzip)
    }

    static func read(_ path: String) throws -> (format: ManifestFormat, records: [Read]) {
        let reader = try ManifestReader(path: path)
        var records: [Read] = []
        while let record = try reader.next() {
            records.append(
                Read(
                    line: record.source.line,
                    entry: record.entry,
                    identifier: record.identifier,
                    original: record.original,
                    findings: record.readFindings.map { "\($0.code)" }
                )
            )
        }
        return (reader.format, records)
    }

    /// The manifest error reading all of `path`, or nil.
    static func readError(_ path: String) -> ManifestError? {
        do {
            _ = try read(path)
            return nil
        } catch let error as ManifestError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test(arguments: ["m.csv.gz", "M.CSV.GZ", "m.gz"])
    func csvGzipReadsLikeThePlainFile(gzipName: String) throws {
        let (plain, gzip) = try Self.write(Self.csv, name: "m.csv", gzipName: gzipName)
        let expected = try Self.read(plain)
        #expect(expected.records.count == 3)
        let actual = try Self.read(gzip)
        #expect(actual.format == .csv)
        #expect(actual.records == expected.records)
    }

    @Test(arguments: ["m.jsonl.gz", "m.ndjson.gz", "m.json.gz", "m.JSONL.Gz", "backup.gz"])
    func jsonLinesGzipReadsLikeThePlainFile(gzipName: String) throws {
        let (plain, gzip) = try Self.write(Self.jsonLines, name: "m.jsonl", gzipName: gzipName)
        let expected = try Self.read(plain)
        #expect(expected.records.count == 3)
        let actual = try Self.read(gzip)
        #expect(actual.format == .jsonLines)
        #expect(actual.records == expected.records)
    }

    @Test(arguments: [
        ("x.csv.gz", ManifestFormat.csv), ("x.CSV.GZ", .csv), ("x.jsonl.gz", .jsonLines),
        ("x.ndjson.gz", .jsonLines), ("x.json.gz", .jsonLines), ("x.csv", .csv), ("x.jsonl", .jsonLines),
    ])
    func formatLooksThroughGz(path: String, format: ManifestFormat) {
        #expect(ManifestFormat(pathExtensionOf: path) == format)
    }

    @Test(arguments: ["x.gz", "x.txt.gz", "x.gz.bak", "x", "dir.csv/x.gz"])
    func otherNamesAreSniffed(path: String) {
        #expect(ManifestFormat(pathExtensionOf: path) == nil)
    }

    @Test func gzipIsChosenByTheLastSuffixOnly() {
        #expect(ManifestFormat.isGzip(path: "a.jsonl.gz"))
        #expect(ManifestFormat.isGzip(path: "A.GZ"))
        #expect(!ManifestFormat.isGzip(path: "a.gz.partial"))
        #expect(!ManifestFormat.isGzip(path: "a.tgz"))
        #expect(!ManifestFormat.isGzip(path: "gz"))
    }

    @Test func truncatedAndCorruptFilesAreManifestErrors() throws {
        let text = sampleJSONLines(count: 3000)
        let (_, gzip) = try Self.write(text, name: "big.jsonl", gzipName: "big.jsonl.gz")
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: gzip)))

        try Data(whole.dropLast(100)).write(to: URL(fileURLWithPath: gzip))
        let truncated = Self.readError(gzip)
        #expect(truncated?.code == "gzip-truncated")
        #expect(truncated?.file == gzip)
        #expect(truncated?.description.contains("truncated") == true)

        var damaged = whole
        damaged[damaged.count - 6] ^= 0xFF  // the last member's CRC-32
        try Data(damaged).write(to: URL(fileURLWithPath: gzip))
        #expect(Self.readError(gzip)?.code == "gzip-corrupt")

        let csvPath = URL(fileURLWithPath: gzip).deletingLastPathComponent().appendingPathComponent("plain.csv.gz")
        try Data(Self.csv.utf8).write(to: csvPath)
        let notGzip = Self.readError(csvPath.path)
        #expect(notGzip?.code == "gzip-corrupt")
        #expect(notGzip?.message.contains("not gzip-compressed") == true)

        let sniffed = URL(fileURLWithPath: gzip).deletingLastPathComponent().appendingPathComponent("empty.gz")
        try Data().write(to: sniffed)
        #expect(Self.readError(sniffed.path)?.code == "gzip-truncated")
        #expect(Self.readError(sniffed.path + ".missing.gz")?.code == "file-not-found")
    }

    @Test func contentSizeIsTheDecompressedSize() throws {
        let (plain, gzip) = try Self.write(Self.jsonLines, name: "m.jsonl", gzipName: "m.jsonl.gz")
        let plainReader = try ManifestReader(path: plain)
        #expect(plainReader.contentSize == plainReader.fileSize)
        let reader = try ManifestReader(path: gzip)
        while try reader.nextRaw() != nil {}
        #expect(reader.contentSize == Self.jsonLines.utf8.count)
        #expect(reader.bytesConsumed == Self.jsonLines.utf8.count)
        #expect(reader.fileSize != reader.contentSize)
    }
}
