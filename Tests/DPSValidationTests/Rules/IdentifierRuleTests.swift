import DPSManifest
import DPSModel
import Testing

@testable import DPSValidation

struct IdentifierRuleTests {
    @Test(
        arguments: [
            ("device-001", []),
            ("a", []),
            ("abc-", []),
            (String(repeating: "a", count: 128), []),
            (String(repeating: "a", count: 129), ["E:registration-id.too-long"]),
            ("Device-001", ["W:registration-id.not-lowercase"]),
            ("line3.dev_1:a", ["W:registration-id.not-lowercase"]),
            ("-leading", ["W:registration-id.special-first-character"]),
            ("ends.", ["E:registration-id.invalid-last-character"]),
            ("ends_", ["E:registration-id.invalid-last-character"]),
            ("has space", ["E:registration-id.invalid-character"]),
            ("plus+sign", ["E:registration-id.invalid-character"]),
            ("ünïcode", ["E:registration-id.invalid-character"]),
            ("", ["E:registration-id.missing"]),
            (".both.", ["E:registration-id.invalid-last-character", "W:registration-id.special-first-character"]),
        ] as [(String, [String])]
    )
    func registrationIds(id: String, expected: [String]) {
        #expect(RuleTesting.codes(IdentifierRule(), RuleTesting.symmetric(id)) == expected)
    }

    @Test func x509IdsAreLimitedTo64() {
        var x509 = IndividualEnrollment(
            registrationId: String(repeating: "x", count: 65),
            attestation: AttestationMechanism(type: .x509)
        )
        #expect(RuleTesting.codes(IdentifierRule(), .enrollment(x509)) == ["E:registration-id.too-long"])
        x509.registrationId = String(repeating: "x", count: 64)
        #expect(RuleTesting.codes(IdentifierRule(), .enrollment(x509)).isEmpty)
    }

    @Test(
        arguments: [
            ("Line3-Group", []),
            ("group:", ["E:group-id.invalid-last-character"]),
            ("grp#1", ["E:group-id.invalid-character"]),
            ("_grp", ["W:group-id.special-first-character"]),
            (String(repeating: "g", count: 129), ["E:group-id.too-long"]),
        ] as [(String, [String])]
    )
    func groupIds(id: String, expected: [String]) {
        #expect(RuleTesting.codes(IdentifierRule(), RuleTesting.group(id)) == expected)
    }
}

struct DeviceIdRuleTests {
    @Test(
        arguments: [
            (nil, []),
            ("dev-1", []),
            ("Dev.(1)!*?,:=@$'%_", []),
            ("", ["E:device-id.empty"]),
            ("dev+1", ["E:device-id.invalid-character"]),
            ("dev#1", ["E:device-id.invalid-character"]),
            ("dev 1", ["E:device-id.invalid-character"]),
            (String(repeating: "d", count: 129), ["E:device-id.too-long"]),
            ("DEV-1", ["W:device-id.differs-in-case"]),
        ] as [(String?, [String])]
    )
    func deviceIds(deviceId: String?, expected: [String]) {
        #expect(RuleTesting.codes(DeviceIdRule(), RuleTesting.symmetric("dev-1", deviceId: deviceId)) == expected)
    }
}
