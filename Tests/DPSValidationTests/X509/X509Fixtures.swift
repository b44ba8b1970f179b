import Foundation

@testable import DPSValidation
@testable import DPSWireFormats

/// Fixture certificates made by `scripts/make-x509-samples.sh`.
enum X509Fixtures {
    /// The summary of the first certificate in `Fixtures/x509/<name>`.
    static func summary(_ name: String) throws -> CertificateSummary {
        try CertificateSummary(pemOrBase64: Fixture.text("x509/\(name)"))
    }

    /// The whole value in `Fixtures/x509/<name>`.
    static func value(_ name: String) throws -> CertificateValue {
        try CertificateValue(parsing: Fixture.text("x509/\(name)"))
    }

    /// A moment inside the validity of every fixture that is meant to be valid: a day after it was issued.
    static func nowInsideValidity() throws -> Date {
        try summary("leaf-valid.pem").notBefore.addingTimeInterval(86_400)
    }
}
