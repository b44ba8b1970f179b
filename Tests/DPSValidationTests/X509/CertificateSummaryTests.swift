import Foundation
import Testing

@testable import DPSValidation
@testable import DPSWireFormats

struct CertificateSummaryTests {
    @Test(arguments: try OpenSSLFacts.all())
    func matchesOpenSSL(_ facts: OpenSSLFacts) throws {
        let summary = try X509Fixtures.summary(facts.file)
        #expect(summary.sha1Thumbprint == facts.sha1)
        #expect(summary.sha256Thumbprint == facts.sha256)
        #expect(summary.serialNumber == facts.derSerial)
        #expect(summary.subjectName == facts.subject)
        #expect(summary.issuerName == facts.issuer)
        #expect(summary.notBefore == facts.notBefore)
        #expect(summary.notAfter == facts.notAfter)
        #expect(summary.isCertificateAuthority == facts.isCA)
        #expect(summary.version == 3)
    }

    @Test func factsCoverEveryFixtureCertificate() throws {
        let files = Set(try OpenSSLFacts.all().map(\.file))
        #expect(
            files.isSuperset(of: [
                "root-ca.pem", "intermediate-ca.pem", "leaf-valid.pem", "leaf-expired.pem", "leaf-not-yet-valid.pem",
                "leaf-cn-mismatch.pem", "leaf-no-cn.pem", "leaf-is-ca.pem",
            ])
        )
    }

    @Test func deviceLeaf() throws {
        let summary = try X509Fixtures.summary("leaf-valid.pem")
        #expect(summary.subjectCommonName == "x509-line7-000201")
        #expect(summary.subjectName == "CN=x509-line7-000201, OU=Factory Line 7, O=dpsbulk Test, C=US")
        #expect(summary.issuerName == "CN=dpsbulk Test Factory Line 7 CA, O=dpsbulk Test, C=US")
        #expect(!summary.isCertificateAuthority)
        #expect(summary.sha1Thumbprint.count == 40)
        #expect(summary.sha256Thumbprint.count == 64)
        #expect(summary.sha256Thumbprint == summary.sha256Thumbprint.uppercased())
        // About 20 years of validity, so the samples do not expire.
        let years = summary.notAfter.timeIntervalSince(summary.notBefore) / (365.25 * 86_400)
        #expect(years > 19.9 && years < 20.1)
    }

    @Test func certificateAuthorities() throws {
        let root = try X509Fixtures.summary("root-ca.pem")
        let intermediate = try X509Fixtures.summary("intermediate-ca.pem")
        #expect(root.isCertificateAuthority)
        #expect(root.subjectCommonName == "dpsbulk Test Root CA")
        #expect(root.subjectName == root.issuerName)
        #expect(intermediate.isCertificateAuthority)
        #expect(intermediate.subjectCommonName == "dpsbulk Test Factory Line 7 CA")
        #expect(intermediate.issuerName == root.subjectName)
    }

    @Test func subjectWithoutCommonName() throws {
        let summary = try X509Fixtures.summary("leaf-no-cn.pem")
        #expect(summary.subjectCommonName == nil)
        #expect(summary.subjectName == "OU=Factory Line 7, O=dpsbulk Test, C=US")
    }

    @Test func absoluteValidityDates() throws {
        let expired = try X509Fixtures.summary("leaf-expired.pem")
        #expect(expired.notBefore == Date(timeIntervalSince1970: 1_577_836_800))  // 2020-01-01T00:00:00Z
        #expect(expired.notAfter == Date(timeIntervalSince1970: 1_609_459_200))  // 2021-01-01T00:00:00Z
        let future = try X509Fixtures.summary("leaf-not-yet-valid.pem")
        #expect(future.notBefore == Date(timeIntervalSince1970: 4_070_908_800))  // 2099-01-01T00:00:00Z
    }

    @Test func sameSummaryFromEveryEncoding() throws {
        let pem = try X509Fixtures.summary("leaf-valid.pem")
        #expect(try X509Fixtures.summary("leaf-valid.b64") == pem)
        #expect(try X509Fixtures.summary("leaf-valid-crlf.pem") == pem)
        let escaped = try Fixture.text("x509/leaf-valid.pem").replacingOccurrences(of: "\n", with: "\\n")
        #expect(try CertificateSummary(pemOrBase64: escaped) == pem)
    }

    @Test func derInitThrowsUnparseable() {
        #expect(throws: CertificateInputError(code: .unparseable, message: "")) {
            try CertificateSummary(derEncoded: [0x30, 0x03, 0x02, 0x01, 0x01])
        }
    }
}
