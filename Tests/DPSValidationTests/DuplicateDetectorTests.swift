import DPSManifest
import DPSModel
import Testing

@testable import DPSValidation

struct DuplicateDetectorTests {
    func check(
        _ detector: inout DuplicateDetector,
        _ entry: ManifestEntry,
        line: Int,
        file: String = "a.csv"
    )
        -> [String]
    {
        var sink = FindingSink(source: SourcePosition(file: file, line: line), identifier: entry.identifier)
        detector.check(DuplicateKeys(entry), of: entry, at: SourcePosition(file: file, line: line), findings: &sink)
        return sink.findings.map { "\($0.code.rawValue)|\($0.message)" }
    }

    @Test func registrationIdsAreCaseInsensitive() {
        var detector = DuplicateDetector()
        #expect(check(&detector, RuleTesting.symmetric("dev-1"), line: 2).isEmpty)
        #expect(check(&detector, RuleTesting.symmetric("dev-2"), line: 3).isEmpty)
        let duplicate = check(&detector, RuleTesting.symmetric("DEV-1"), line: 9)
        #expect(duplicate.count == 1)
        #expect(duplicate.first?.hasPrefix("duplicate.registration-id|") == true)
        #expect(duplicate.first?.contains("on line 2") == true)
        #expect(
            check(&detector, RuleTesting.symmetric("dev-1"), line: 4, file: "b.csv").first?.contains(
                "in a.csv on line 2"
            ) == true
        )
    }

    @Test func groupsAndEnrollmentsHaveSeparateNamespaces() {
        var detector = DuplicateDetector()
        #expect(check(&detector, RuleTesting.symmetric("same"), line: 2).isEmpty)
        #expect(check(&detector, RuleTesting.group("same"), line: 3).isEmpty)
        #expect(check(&detector, RuleTesting.group("SAME"), line: 4).first?.hasPrefix("duplicate.group-id|") == true)
    }

    @Test func clonedEndorsementKeyAndReusedCertificate() throws {
        var detector = DuplicateDetector()
        let ek = try Fixture.text("tpm/ek-rsa2048.b64")
        #expect(check(&detector, RuleTesting.tpm("dev-1", ek: ek), line: 2).isEmpty)
        #expect(
            check(&detector, RuleTesting.tpm("dev-2", ek: ek), line: 3).first?.hasPrefix("duplicate.endorsement-key|")
                == true
        )

        func x509(_ id: String, _ certificate: String) -> ManifestEntry {
            .enrollment(
                IndividualEnrollment(
                    registrationId: id,
                    attestation: AttestationMechanism(
                        type: .x509,
                        x509: X509Attestation(
                            clientCertificates: X509Certificates(
                                primary: X509CertificateWithInfo(certificate: certificate)
                            )
                        )
                    )
                )
            )
        }
        let pem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nAbCd\n-----END CERTIFICATE-----\n"
        let sameBase64 = "MIIBszCCAVmgAwIBAgIUAbCd"
        #expect(check(&detector, x509("x-1", pem), line: 5).isEmpty)
        #expect(check(&detector, x509("x-2", sameBase64), line: 6).first?.hasPrefix("duplicate.certificate|") == true)
    }

    @Test func tableGrowsAndRemembersLines() {
        var table = FirstOccurrenceTable(capacity: 4)
        var unexpected = 0
        for index in 0..<50_000 where table.insert(UInt64(index * 7919 + 1), line: UInt32(index + 2)) != nil {
            unexpected += 1
        }
        #expect(unexpected == 0)
        #expect(table.count == 50_000)
        #expect(table.insert(UInt64(1234 * 7919 + 1), line: 1) == 1236)
        #expect(Double(table.count) <= Double(table.capacity) * FirstOccurrenceTable.maximumLoad)
    }

    @Test func reservedTableDoesNotGrow() {
        var table = FirstOccurrenceTable(capacity: 16)
        table.reserveCapacity(10_000)
        let capacity = table.capacity
        for index in 0..<10_000 { _ = table.insert(UInt64(index) &* 0x9E37_79B9_7F4A_7C15, line: UInt32(index)) }
        #expect(table.capacity == capacity)
        #expect(table.count == 10_000)
    }

    @Test func linesAcrossSeveralFiles() {
        var detector = DuplicateDetector()
        #expect(check(&detector, RuleTesting.symmetric("a-1"), line: 2, file: "one.csv").isEmpty)
        #expect(check(&detector, RuleTesting.symmetric("a-2"), line: 900, file: "one.csv").isEmpty)
        #expect(check(&detector, RuleTesting.symmetric("b-1"), line: 2, file: "two.csv").isEmpty)
        #expect(
            check(&detector, RuleTesting.symmetric("a-2"), line: 5, file: "two.csv").first?.contains(
                "in one.csv on line 900"
            ) == true
        )
        #expect(
            check(&detector, RuleTesting.symmetric("b-1"), line: 7, file: "two.csv").first?.contains("on line 2")
                == true
        )
        #expect(
            check(&detector, RuleTesting.symmetric("b-1"), line: 7, file: "two.csv").first?.contains("two.csv") == false
        )
    }
}
