import Foundation
import Testing

@testable import DPSValidation
@testable import DPSWireFormats

struct CertificateValueTests {
    @Test func pemLeaf() throws {
        let value = try X509Fixtures.value("leaf-valid.pem")
        #expect(value.encoding == .pem)
        #expect(value.certificates.count == 1)
        #expect(!value.isChain)
    }

    @Test func bareBase64DER() throws {
        let value = try X509Fixtures.value("leaf-valid.b64")
        #expect(value.encoding == .base64DER)
        #expect(value.first.subjectCommonName == "x509-line7-000201")
    }

    @Test func chainKeepsOrder() throws {
        let value = try X509Fixtures.value("chain-leaf-intermediate.pem")
        #expect(value.isChain)
        #expect(value.certificates.map(\.subjectCommonName) == ["x509-line7-000202", "dpsbulk Test Factory Line 7 CA"])
        #expect(try CertificateSummary(pemOrBase64: Fixture.text("x509/chain-leaf-intermediate.pem")) == value.first)
    }

    @Test func pemRoundTrip() throws {
        let value = try X509Fixtures.value("leaf-valid.pem")
        #expect(value.pemEncoded() == (try Fixture.text("x509/leaf-valid.pem")) + "\n")
        #expect(try CertificateValue(parsing: value.pemEncoded()) == value)
    }

    @Test func textAroundBlocksIsIgnored() throws {
        let text = "subject=CN = x509-line7-000201\n" + (try Fixture.text("x509/leaf-valid.pem")) + "\ntrailing note\n"
        #expect(try CertificateValue(parsing: text).first.subjectCommonName == "x509-line7-000201")
    }

    @Test func pemSquashedOntoOneLine() throws {
        let text = try Fixture.text("x509/leaf-valid.pem").replacingOccurrences(of: "\n", with: " ")
        #expect(try CertificateValue(parsing: text).first.subjectCommonName == "x509-line7-000201")
    }

    @Test(arguments: [
        ("garbage.pem", CertificateInputError.Code.badBase64, "invalid character '!'"),
        ("private-key.pem", .notACertificate, "this is a private key, not a certificate"),
        ("csr.pem", .notACertificate, "certificate signing request"),
    ])
    func fixtureFailures(file: String, code: CertificateInputError.Code, fragment: String) throws {
        let error = try #require(throws: CertificateInputError.self) {
            try X509Fixtures.value(file)
        }
        #expect(error.code == code)
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(error.blockIndex == 1)
    }

    @Test func privateKeyNextToCertificateIsRefused() throws {
        let text = (try Fixture.text("x509/leaf-valid.pem")) + "\n" + (try Fixture.text("x509/private-key.pem"))
        let error = try #require(throws: CertificateInputError.self) { try CertificateValue(parsing: text) }
        #expect(error.code == .notACertificate)
        #expect(error.blockIndex == 2)
        #expect(error.message.contains("PEM block 2 of 2: this is a private key"))
    }

    @Test(arguments: [
        ("", CertificateInputError.Code.empty, "empty"),
        ("  \n\t ", .empty, "empty"),
        ("hello, world", .notPEM, "neither PEM"),
        ("x509/devices/x509-line7-000201.pem", .notPEM, "looks like a file path"),
        ("-----BEGIN CERTIFICATE-----\nMIIB\n", .truncatedPEM, "no '-----END CERTIFICATE-----' line"),
        ("-----BEGIN CERTIFICATE-----\nMIIB\n-----END X509 CERTIFICATE-----", .truncatedPEM, "another label"),
        ("MIIBAAAA\n-----END CERTIFICATE-----", .truncatedPEM, "no '-----BEGIN CERTIFICATE-----' line"),
        ("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----", .badBase64, "no base64 data"),
        ("-----BEGIN CERTIFICATE-----\nMIIBAA\n-----END CERTIFICATE-----", .badBase64, "not a multiple of 4"),
        ("-----BEGIN CERTIFICATE-----\nMI=BAA==\n-----END CERTIFICATE-----", .badBase64, "padding"),
        ("-----BEGIN CERTIFICATE-----\nMIIBAA==\n-----END CERTIFICATE-----", .unparseable, "PEM block 1"),
        ("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----", .notACertificate, "public key"),
        ("-----BEGIN FOO-----\nMIIB\n-----END FOO-----", .notACertificate, "'FOO' PEM block"),
        ("MIIBAAA", .badBase64, "not a multiple of 4"),
        ("MIIBAA==", .unparseable, "decodes, but"),
        ("6F1631C94EF004A2E9C8CA2DACAEE71234738A05", .notACertificate, "SHA-1 thumbprint"),
        (String(repeating: "ab:", count: 31) + "ab", .notACertificate, "SHA-256 thumbprint"),
    ])
    func textFailures(text: String, code: CertificateInputError.Code, fragment: String) {
        #expect {
            try CertificateValue(parsing: text)
        } throws: { error in
            guard let error = error as? CertificateInputError else { return false }
            return error.code == code && error.message.contains(fragment)
        }
    }

    @Test func errorsCompareByCode() {
        let a = CertificateInputError(code: .badBase64, message: "one")
        let b = CertificateInputError(code: .badBase64, message: "two", blockIndex: 3)
        #expect(a == b)
        #expect(a != CertificateInputError(code: .notPEM, message: "one"))
        #expect(a.description == "bad-base64: one")
    }
}
