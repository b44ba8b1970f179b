import Foundation
import Testing

@testable import DPSValidation
@testable import DPSWireFormats

struct X509CheckerTests {
    /// 2026-01-01T00:00:00Z: after the expired fixture, before the not-yet-valid one.
    static let january2026 = Date(timeIntervalSince1970: 1_767_225_600)

    private func codes(_ issues: [X509CheckIssue]) -> [X509CheckIssue.Code] {
        issues.map(\.code)
    }

    // MARK: individual enrollments

    @Test func validDeviceCertificateHasNoIssues() throws {
        let now = try X509Fixtures.nowInsideValidity()
        for id in ["x509-line7-000201", "X509-LINE7-000201"] {
            let summary = try X509Fixtures.summary("leaf-valid.pem")
            #expect(X509Checker.checkIndividual(summary: summary, registrationId: id, now: now).isEmpty)
        }
    }

    @Test func expired() throws {
        let summary = try X509Fixtures.summary("leaf-expired.pem")
        let issues = X509Checker.checkIndividual(
            summary: summary,
            registrationId: "x509-line7-000901",
            now: Self.january2026
        )
        #expect(codes(issues) == [.expired])
        #expect(issues[0].severity == .error)
        #expect(issues[0].message.contains("expired on 2021-01-01T00:00:00Z"))
        #expect(issues[0].message.contains("now is 2026-01-01T00:00:00Z"))
        #expect(issues[0].message.contains("CN=x509-line7-000901"))
    }

    @Test func notYetValid() throws {
        let summary = try X509Fixtures.summary("leaf-not-yet-valid.pem")
        let issues = X509Checker.checkIndividual(
            summary: summary,
            registrationId: "x509-line7-000902",
            now: Self.january2026
        )
        #expect(codes(issues) == [.notYetValid])
        #expect(issues[0].severity == .error)
        #expect(issues[0].message.contains("not valid until 2099-01-01T00:00:00Z"))
    }

    /// Seconds before `notAfter` → the validity finding expected then (nil: none).
    static let boundaries: [(TimeInterval, X509CheckIssue.Code?)] = [
        (-1, .expired),  // one second after notAfter
        (0, .expiresSoon),  // the last valid instant (notAfter is inclusive)
        (1, .expiresSoon),
        (29 * 86_400, .expiresSoon),
        (30 * 86_400, .expiresSoon),
        (30 * 86_400 + 1, nil),
    ]

    @Test(arguments: boundaries)
    func validityBoundaries(secondsBeforeExpiry: TimeInterval, expected: X509CheckIssue.Code?) throws {
        let summary = try X509Fixtures.summary("leaf-valid.pem")
        let now = summary.notAfter.addingTimeInterval(-secondsBeforeExpiry)
        let issues = X509Checker.checkIndividual(summary: summary, registrationId: "x509-line7-000201", now: now)
        let expectedCodes: [X509CheckIssue.Code] = expected.map { [$0] } ?? []
        #expect(codes(issues) == expectedCodes)
    }

    @Test func expiresSoonNamesTheDate() throws {
        let summary = try X509Fixtures.summary("leaf-valid.pem")
        let now = summary.notAfter.addingTimeInterval(-10 * 86_400)
        let issue = try #require(
            X509Checker.checkIndividual(summary: summary, registrationId: "x509-line7-000201", now: now).first
        )
        #expect(issue.severity == .warning)
        #expect(issue.code == .expiresSoon)
        #expect(issue.message.contains("in 10 days"))
        #expect(issue.message.contains(X509CheckIssue.format(summary.notAfter)))
    }

    @Test func notBeforeIsInclusive() throws {
        let summary = try X509Fixtures.summary("leaf-valid.pem")
        let atStart = X509Checker.checkIndividual(
            summary: summary,
            registrationId: "x509-line7-000201",
            now: summary.notBefore
        )
        #expect(atStart.isEmpty)
        let justBefore = X509Checker.checkIndividual(
            summary: summary,
            registrationId: "x509-line7-000201",
            now: summary.notBefore.addingTimeInterval(-1)
        )
        #expect(codes(justBefore) == [.notYetValid])
    }

    @Test func commonNameMismatch() throws {
        let summary = try X509Fixtures.summary("leaf-cn-mismatch.pem")
        let issues = X509Checker.checkIndividual(
            summary: summary,
            registrationId: "x509-line7-000207",
            now: try X509Fixtures.nowInsideValidity()
        )
        #expect(codes(issues) == [.commonNameMismatch])
        #expect(issues[0].severity == .error)
        #expect(issues[0].message.contains("'x509-line7-000299'"))
        #expect(issues[0].message.contains("'x509-line7-000207'"))
    }

    @Test func commonNameMissing() throws {
        let summary = try X509Fixtures.summary("leaf-no-cn.pem")
        let issues = X509Checker.checkIndividual(
            summary: summary,
            registrationId: "x509-line7-000205",
            now: try X509Fixtures.nowInsideValidity()
        )
        #expect(codes(issues) == [.commonNameMissing])
        #expect(issues[0].severity == .error)
        #expect(issues[0].message.contains("OU=Factory Line 7, O=dpsbulk Test, C=US"))
    }

    @Test func commonNameTooLong() throws {
        let summary = try X509Fixtures.summary("leaf-long-cn.pem")
        let commonName = try #require(summary.subjectCommonName)
        #expect(commonName.count > 64)
        let sameId = X509Checker.checkIndividual(
            summary: summary,
            registrationId: commonName,
            now: try X509Fixtures.nowInsideValidity()
        )
        #expect(codes(sameId) == [.commonNameTooLong])
        #expect(sameId[0].severity == .error)
        #expect(sameId[0].message.contains("\(commonName.count) characters"))
        let otherId = X509Checker.checkIndividual(
            summary: summary,
            registrationId: "x509-line7-000201",
            now: try X509Fixtures.nowInsideValidity()
        )
        #expect(codes(otherId) == [.commonNameTooLong, .commonNameMismatch])
    }

    @Test func leafIsCA() throws {
        let summary = try X509Fixtures.summary("leaf-is-ca.pem")
        let issues = X509Checker.checkIndividual(
            summary: summary,
            registrationId: "x509-line7-000903",
            now: try X509Fixtures.nowInsideValidity()
        )
        #expect(codes(issues) == [.leafIsCA])
        #expect(issues[0].severity == .warning)
    }

    @Test func chainGivenForDevice() throws {
        let value = try X509Fixtures.value("chain-leaf-intermediate.pem")
        let issues = X509Checker.checkIndividual(
            value: value,
            registrationId: "x509-line7-000202",
            now: try X509Fixtures.nowInsideValidity()
        )
        #expect(codes(issues) == [.chainGiven])
        #expect(issues[0].severity == .warning)
        #expect(issues[0].message.contains("2 certificates"))
        #expect(issues[0].message.contains("CN=dpsbulk Test Factory Line 7 CA"))
    }

    @Test func singleValueHasNoChainWarning() throws {
        let value = try X509Fixtures.value("leaf-valid.pem")
        let issues = X509Checker.checkIndividual(
            value: value,
            registrationId: "x509-line7-000201",
            now: try X509Fixtures.nowInsideValidity()
        )
        #expect(issues.isEmpty)
    }

    @Test func issuesAccumulate() throws {
        // An expired CA certificate given as a device certificate for the wrong ID: every finding is reported.
        var summary = try X509Fixtures.summary("leaf-is-ca.pem")
        summary.notAfter = Date(timeIntervalSince1970: 0)
        let issues = X509Checker.checkIndividual(summary: summary, registrationId: "other", now: Self.january2026)
        #expect(codes(issues) == [.expired, .commonNameMismatch, .leafIsCA])
    }

    // MARK: enrollment groups

    @Test(arguments: ["root-ca.pem", "intermediate-ca.pem"])
    func caSigningCertificateIsFine(file: String) throws {
        let summary = try X509Fixtures.summary(file)
        #expect(X509Checker.checkGroupSigning(summary: summary, now: try X509Fixtures.nowInsideValidity()).isEmpty)
    }

    @Test func signingCertificateNotCA() throws {
        let summary = try X509Fixtures.summary("leaf-valid.pem")
        let issues = X509Checker.checkGroupSigning(summary: summary, now: try X509Fixtures.nowInsideValidity())
        #expect(codes(issues) == [.signingCertificateNotCA])
        #expect(issues[0].severity == .error)
        #expect(issues[0].message.contains("CN=x509-line7-000201"))
    }

    @Test func signingChainUsesFirst() throws {
        let value = try CertificateValue(
            parsing: Fixture.text("x509/intermediate-ca.pem") + "\n" + Fixture.text("x509/root-ca.pem")
        )
        let issues = X509Checker.checkGroupSigning(value: value, now: try X509Fixtures.nowInsideValidity())
        #expect(codes(issues) == [.chainGiven])
        #expect(issues[0].message.contains("'CN=dpsbulk Test Factory Line 7 CA, O=dpsbulk Test, C=US', is used"))
    }

    @Test func expiredSigningCertificate() throws {
        let summary = try X509Fixtures.summary("intermediate-ca.pem")
        let issues = X509Checker.checkGroupSigning(summary: summary, now: summary.notAfter.addingTimeInterval(1))
        #expect(codes(issues) == [.expired])
    }

    @Test func stableCodeSpellings() {
        let all: [X509CheckIssue.Code] = [
            .expired, .notYetValid, .expiresSoon, .commonNameMismatch, .commonNameMissing, .commonNameTooLong,
            .chainGiven, .signingCertificateNotCA, .leafIsCA,
        ]
        #expect(
            all.map(\.rawValue) == [
                "x509.expired", "x509.not-yet-valid", "x509.expires-soon", "x509.cn-mismatch", "x509.cn-missing",
                "x509.cn-too-long", "x509.chain-given", "x509.signing-cert-not-ca", "x509.leaf-is-ca",
            ]
        )
    }
}
