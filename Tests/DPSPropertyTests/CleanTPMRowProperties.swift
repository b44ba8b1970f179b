import DPSManifest
import Foundation
import PropertyBased
import Testing

@testable import DPSValidation

/// The validator's fast path (``CleanTPMRow``) against the full path (mapping and every rule) on generated TPM
/// manifests, valid rows mixed with rows damaged in every column: both report the same findings and counts, a row
/// the fast path accepts has no finding, and every undamaged row is accepted.
struct CleanTPMRowProperties {
    static let header = [
        "registrationId", "deviceId", "attestation", "endorsementKey", "storageRootKey", "iotHubHostName",
        "provisioningStatus", "initialTwin", "primaryKey", "enrollmentGroupId",
    ]

    /// A structurally valid standard RSA-2048 EK (template L-1), distinct for each `seed`.
    static func endorsementKey(_ seed: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &+ 0x9E37_79B9_7F4A_7C15
        var modulus = (0..<256).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        modulus[0] |= 0x80
        modulus[255] |= 0x01
        return Data(TPMEndorsementKeyTemplate.rsa2048L1Prefix + modulus).base64EncodedString()
    }

    /// The cell variants of each column for row `row`; variant 0 is the valid one.
    static func variants(row: Int) -> [[String]] {
        let id = "dev-\(row)"
        let key = endorsementKey(row)
        var damagedKey = Array(key)
        damagedKey[80] = damagedKey[80] == "A" ? "B" : "A"
        return [
            [
                id, "Dev-\(row)", "-dev\(row)", "dev_\(row)", "dev-\(row).", " \(id)", "", "dev \(row)", "dév\(row)",
                "dev-0", String(repeating: "a", count: 129), "\u{212A}dev\(row)",
            ],
            [
                id, "", "DEV-\(row)", "other-\(row)", "bad#\(row)", " x", String(repeating: "b", count: 129),
                "Dev-\(row)",
            ],
            ["tpm", "TPM", "", "x509", "symmetricKey", "bogus", " tpm"],
            [
                key, endorsementKey(0), "", "notbase64!", String(damagedKey), String(key.dropLast(4)), " " + key,
                "-----BEGIN PUBLIC KEY-----",
            ],
            ["", endorsementKey(row + 100_000), "AAAA", " "],
            ["factory-hub.azure-devices.net", "", "Hub.Azure-Devices.NET", "hub.example.com", "https://x", "bad_host"],
            ["enabled", "", "disabled", "Enabled", "on"],
            [
                "", "\"{\"\"tags\"\":{\"\"line\"\":\"\"3\"\"}}\"", "not json", "\"{\"\"tags\"\":{\"\"a.b\"\":1}}\"",
                "\"{\"\"properties\"\":{\"\"reported\"\":{}}}\"", "\" {\"\"tags\"\":{}}\"", "[1]",
            ],
            ["", "c2VjcmV0LXNlY3JldC1zZWNyZXQ="],
            ["", "group-1"],
        ]
    }

    /// Rows: for each, a damage choice per column (a choice past the variants keeps the valid cell).
    static let manifests = Gen.int(in: 0...30).array(of: header.count...header.count).array(of: 1...12)

    /// The CSV text of rows made of the chosen variants.
    static func csv(_ choices: [[Int]]) -> String {
        var text = header.joined(separator: ",") + "\n"
        for (row, picks) in choices.enumerated() {
            let columns = variants(row: row)
            let cells = zip(columns, picks).map { cells, pick in pick < cells.count ? cells[pick] : cells[0] }
            text += cells.joined(separator: ",") + "\n"
        }
        return text
    }

    /// Every finding of every record and the summary, validated with `reporting`.
    static func validate(_ path: String, reporting: RecordReporting) async throws -> ([Finding], ValidationSummary) {
        var duplicates = DuplicateDetector()
        var findings: [Finding] = []
        let summary = try await ManifestValidator(batchSize: 4).validate(
            try ManifestReader(path: path),
            duplicates: &duplicates,
            reporting: reporting
        ) { record in
            findings += record.findings
        }
        return (findings, summary)
    }

    @Test func fastAndFullPathsReportTheSameFindings() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clean-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("devices.csv").path
        await propertyCheck(count: 300, input: Self.manifests) { choices in
            try Data(Self.csv(choices).utf8).write(to: URL(fileURLWithPath: path))
            let full = try await Self.validate(path, reporting: .everyRecord)
            let fast = try await Self.validate(path, reporting: .recordsWithFindings)
            #expect(fast.0 == full.0)
            #expect(fast.1 == full.1)
        }
    }

    @Test func anAcceptedRowHasNoFindingAndTheKeysOfItsEntry() async throws {
        await propertyCheck(count: 500, input: Self.manifests) { choices in
            let reader = try ManifestReader.csv(Self.csv(choices))
            let fastPath = try #require(reader.header.flatMap(CleanTPMRow.init(header:)))
            guard case .csv(let rows) = try reader.nextBatch(maximumRecords: 100, maximumBytes: 1 << 20) else {
                Issue.record("a CSV manifest read as JSON lines")
                return
            }
            rows.forEachRow { row in
                let (validated, fullKeys) = ManifestValidator().check(
                    reader.mapper.map(.csv(line: row.line, fields: row.strings()))
                )
                let columns = Self.variants(row: row.line - 2)
                let undamaged = zip(columns, choices[row.line - 2]).allSatisfy { $1 == 0 || $1 >= $0.count }
                guard let keys = fastPath.keys(ifClean: row) else {
                    #expect(!undamaged, "line \(row.line) is valid but the fast path refused it")
                    return
                }
                #expect(validated.findings.isEmpty, "line \(row.line) accepted with \(validated.findings)")
                #expect(keys.identifier == fullKeys?.identifier)
                #expect(keys.endorsementKey == fullKeys?.endorsementKey)
            }
        }
    }
}

extension ManifestReader {
    /// A reader of CSV `text`, through a temporary file (deleted once opened: the reader holds it open).
    static func csv(_ text: String) throws -> ManifestReader {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("clean-\(UUID().uuidString).csv")
        FileManager.default.createFile(atPath: path.path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(at: path) }
        return try ManifestReader(path: path.path)
    }
}
