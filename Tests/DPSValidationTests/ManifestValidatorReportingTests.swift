import DPSManifest
import Foundation
import Testing

@testable import DPSValidation

/// `validate(reporting: .recordsWithFindings)`, the mode of `dpsbulk validate`: only records with findings reach
/// the body, clean TPM rows take the fast path, and a duplicate among them is still reported in full.
struct ManifestValidatorReportingTests {
    static let header = "registrationId,deviceId,attestation,endorsementKey,iotHubHostName,provisioningStatus"

    /// A CSV manifest of real endorsement keys from the fixtures, in a fresh file.
    static func manifest(_ rows: [String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("devices.csv").path
        try Data(([header] + rows).map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func row(_ id: String, key device: Int, hub: String = "hub-1.azure-devices.net") throws -> String {
        let key = try Fixture.text("tpm/device-0\(device)-ek.b64")
        return "\(id),\(id),tpm,\(key),\(hub),enabled"
    }

    static func run(_ path: String, _ reporting: RecordReporting) async throws -> ([ValidatedRecord], ValidationSummary)
    {
        var duplicates = DuplicateDetector()
        var records: [ValidatedRecord] = []
        let summary = try await ManifestValidator(batchSize: 2).validate(
            try ManifestReader(path: path),
            duplicates: &duplicates,
            reporting: reporting
        ) { records.append($0) }
        return (records, summary)
    }

    @Test func cleanRowsAreCountedAndOnlyRecordsWithFindingsReported() async throws {
        let path = try Self.manifest([
            try Self.row("dev-1", key: 1), try Self.row("dev-2", key: 2),
            try Self.row("dev-3", key: 3, hub: "h.example.com"),
            try Self.row("DEV-1", key: 4), try Self.row("dev-5", key: 2),
        ])
        let (records, summary) = try await Self.run(path, .recordsWithFindings)
        #expect(summary.rowsRead == 5)
        #expect(summary.valid == 2)
        #expect(summary.withWarnings == 1)
        #expect(summary.withErrors == 2)
        #expect(records.map(\.record.source.line) == [4, 5, 6])
        let duplicateId = try #require(records.first { $0.record.source.line == 5 })
        #expect(duplicateId.record.entry != nil)
        #expect(
            duplicateId.findings.map(\.code) == [
                IdentifierRule.notLowercase, DuplicateDetector.duplicateRegistrationId,
            ]
        )
        let duplicateKey = try #require(records.last)
        #expect(duplicateKey.findings.map(\.code) == [DuplicateDetector.duplicateEndorsementKey])
        #expect(duplicateKey.findings.first?.registrationId == "dev-5")
        #expect(duplicateKey.findings.first?.message.contains("on line 3") == true)

        let (all, fullSummary) = try await Self.run(path, .everyRecord)
        #expect(fullSummary == summary)
        #expect(all.count == 5)
        #expect(all.flatMap(\.findings) == records.flatMap(\.findings))
    }

    @Test func theFastPathAcceptsTheSampleFactoryManifest() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples/factory-tpm.csv")
        let reader = try ManifestReader(path: samples.path)
        let fastPath = try #require(reader.header.flatMap(CleanTPMRow.init(header:)))
        guard case .csv(let rows) = try reader.nextBatch(maximumRecords: 1000, maximumBytes: 1 << 24) else {
            Issue.record("the sample was not read as CSV")
            return
        }
        var accepted = 0
        rows.forEachRow { row in
            let (validated, _) = ManifestValidator().check(
                reader.mapper.map(.csv(line: row.line, fields: row.strings()))
            )
            if fastPath.keys(ifClean: row) != nil {
                accepted += 1
                #expect(validated.findings.isEmpty)
            } else {
                // Only rows the full path has something to say about, or with a twin, are refused.
                #expect(!validated.findings.isEmpty || !row[7].isEmpty, "line \(row.line) refused")
            }
        }
        #expect(accepted > 0)
    }
}
