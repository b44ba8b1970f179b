import Foundation
import Testing

/// `dpsbulk validate`, run as a user would: the real binary, real files, exit codes and output.
@Suite(.serialized)
struct ValidateCommandTests {
    @Test(arguments: [
        "samples/factory-tpm.csv", "samples/factory-x509.csv", "samples/factory-symmetric.csv",
        "samples/mixed.jsonl",
    ])
    func goodSamplesPass(sample: String) throws {
        let result = try CLIRunner.run(["validate", sample])
        #expect(result.status == 0, "\(sample): \(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("with errors") && result.stdout.contains(" 0 with errors"))
    }

    /// README's example: the good samples validate together (duplicates are found across the manifests of a run).
    @Test func goodSamplesPassTogether() throws {
        let samples = [
            "samples/factory-tpm.csv", "samples/factory-x509.csv", "samples/factory-symmetric.csv",
            "samples/mixed.jsonl",
        ]
        let result = try CLIRunner.run(["validate"] + samples)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("duplicate."))
    }

    @Test func errorSampleFailsWithEveryDocumentedCode() throws {
        let result = try CLIRunner.run(["validate", "--format", "json", "samples/errors.csv"])
        #expect(result.status == 1)
        let objects = try result.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let findings = objects.filter { $0["type"] as? String == "finding" }
        let summary = try #require(objects.last)
        #expect(summary["type"] as? String == "summary")
        for finding in findings {
            for key in ["line", "registrationId", "field", "code", "severity", "message"] {
                #expect(finding.keys.contains(key), "finding lacks \(key)")
            }
        }
        let codes = Set(findings.compactMap { $0["code"] as? String })
        let expected: Set<String> = try Set(
            String(
                contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("samples/errors.expected-codes.txt"),
                encoding: .utf8
            )
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        )
        #expect(
            codes == expected,
            "missing: \(expected.subtracting(codes)); unexpected: \(codes.subtracting(expected))"
        )
        #expect((summary["withErrors"] as? Int ?? 0) > 0)
    }

    @Test func humanOutputGroupsByLineAndSummarises() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let manifest = dir.appendingPathComponent("m.csv")
        try """
        registrationId,attestation,primaryKey
        good-device-1,symmetricKey,
        Bad Device,symmetricKey,
        dup-1,symmetricKey,bm90IGJhc2U2NA
        DUP-1,symmetricKey,
        """.write(to: manifest, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["validate", manifest.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("m.csv:3  Bad Device"))
        #expect(result.stdout.contains("registration-id.invalid-character"))
        #expect(result.stdout.contains("m.csv:4  dup-1"))
        #expect(result.stdout.contains("symmetric-key.invalid-base64"))
        #expect(result.stdout.contains("m.csv:5  DUP-1"))
        #expect(result.stdout.contains("already appears on line 4"))
        #expect(result.stdout.contains("4 rows read, 1 valid, 0 with warnings only, 3 with errors"))
    }

    @Test func warningsDoNotFail() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let manifest = dir.appendingPathComponent("w.jsonl")
        try #"{"registrationId":"Upper-Case-Id","attestation":{"type":"symmetricKey","symmetricKey":{}}}"#
            .write(to: manifest, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["validate", manifest.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("registration-id.not-lowercase"))
        #expect(result.stdout.contains("1 with warnings only"))
    }

    @Test func unreadableInputExitsTwoWithAClearMessage() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let missing = try CLIRunner.run(["validate", dir.appendingPathComponent("nope.csv").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.csv"))
        #expect(!missing.stderr.contains("Fatal error"))

        let binary = dir.appendingPathComponent("bin.csv")
        try Data("registrationId,attestation\nd-1,symmetricKey\nd-\u{00}".utf8.dropLast(1) + [0xFF, 0xFE, 0x0A]).write(
            to: binary
        )
        let notUTF8 = try CLIRunner.run(["validate", binary.path])
        #expect(notUTF8.status == 2)
        #expect(notUTF8.stderr.contains("not-utf8") || notUTF8.stderr.contains("UTF-8"))

        let noHeader = dir.appendingPathComponent("noheader.csv")
        try "dev-1,tpm,AAAA\n".write(to: noHeader, atomically: true, encoding: .utf8)
        let headerless = try CLIRunner.run(["validate", noHeader.path])
        #expect(headerless.status == 2)
        #expect(headerless.stderr.contains("header"))

        let unknown = dir.appendingPathComponent("unknown.csv")
        try "registrationId,attestation,colour\nd1,symmetricKey,red\n".write(
            to: unknown,
            atomically: true,
            encoding: .utf8
        )
        #expect(try CLIRunner.run(["validate", unknown.path]).status == 2)
        #expect(try CLIRunner.run(["validate", "--allow-unknown-columns", unknown.path]).status == 0)

        let usage = try CLIRunner.run(["validate", "--format", "xml", "samples/factory-tpm.csv"])
        #expect(usage.status == 2)
        #expect(try CLIRunner.run(["validate"]).status == 2)
    }

    @Test func certificateExpiryFollowsTheRunTime() throws {
        let later = try CLIRunner.run(["validate", "--at", "2080-01-01T00:00:00Z", "samples/factory-x509.csv"])
        #expect(later.status == 1)
        #expect(later.stdout.contains("x509.expired") || later.stdout.contains("expired"))
    }
}
