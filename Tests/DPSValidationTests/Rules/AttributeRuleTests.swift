import DPSManifest
import DPSModel
import Foundation
import Testing

@testable import DPSValidation

struct AttestationRuleTests {
    @Test func validShapesPass() {
        #expect(RuleTesting.codes(AttestationRule(), RuleTesting.symmetric()).isEmpty)
        #expect(RuleTesting.codes(AttestationRule(), RuleTesting.tpm(ek: "AAAA")).isEmpty)
        #expect(RuleTesting.codes(AttestationRule(), RuleTesting.group("g", type: .x509)).isEmpty)
    }

    @Test func problems() {
        let none = RuleTesting.modified(RuleTesting.symmetric()) { $0.attestation.type = .none }
        #expect(RuleTesting.codes(AttestationRule(), none) == ["E:attestation.unknown-type"])
        let wrongCase = RuleTesting.modified(RuleTesting.symmetric()) { $0.attestation.type = "TPM" }
        #expect(
            RuleTesting.findings(AttestationRule(), wrongCase).first?.message.contains("did you mean 'tpm'") == true
        )
        let missing = RuleTesting.modified(RuleTesting.tpm(ek: "AAAA")) { $0.attestation.tpm = nil }
        #expect(RuleTesting.codes(AttestationRule(), missing) == ["E:attestation.missing-section"])
        let extra = RuleTesting.modified(RuleTesting.tpm(ek: "AAAA")) {
            $0.attestation.symmetricKey = SymmetricKeyAttestation()
        }
        #expect(RuleTesting.codes(AttestationRule(), extra) == ["W:attestation.extra-section"])
        #expect(RuleTesting.codes(AttestationRule(), RuleTesting.group("g", type: .tpm)) == ["E:attestation.tpm-group"])
    }
}

struct SymmetricKeyRuleTests {
    static let key32 = "UvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaE="
    static let key16 = "AAECAwQFBgcICQoLDA0ODw=="

    @Test(
        arguments: [
            (nil, nil, []),
            (key32, "oJXyD5OVZQz5OAuO2yJKaySKHpJOj9CuLhqUkqMwXxg=", []),
            (key16, nil, []),
            ("AAECAwQFBgcICQoLDA0O", nil, ["E:symmetric-key.bad-length"]),  // 15 bytes
            (String(repeating: "QUFB", count: 22), nil, ["E:symmetric-key.bad-length"]),  // 66 bytes
            ("bm90IGJhc2U2NA", nil, ["E:symmetric-key.invalid-base64"]),
            ("UvImZaYMEtKJGF2VDuiB-gkWb2sRPReNbA_TkB_yOaE=", nil, ["E:symmetric-key.invalid-base64"]),
            ("UvImZaYMEtKJGF2V DuiBNgkWb2sRPReNbA/TkB/yOaE=", nil, ["E:symmetric-key.invalid-base64"]),
            (key32, key32, ["W:symmetric-key.same-keys"]),
            (nil, key32, ["E:symmetric-key.only-secondary"]),
        ] as [(String?, String?, [String])]
    )
    func keys(primary: String?, secondary: String?, expected: [String]) {
        #expect(
            RuleTesting.codes(SymmetricKeyRule(), RuleTesting.symmetric(primary: primary, secondary: secondary))
                == expected
        )
    }

    @Test func sixtyFourBytesAreAllowed() {
        let key = String(repeating: "QUFB", count: 21) + "QQ=="  // 63 + 1 = 64 bytes
        #expect(RuleTesting.codes(SymmetricKeyRule(), RuleTesting.symmetric(primary: key)).isEmpty)
    }
}

struct ProvisioningAndAllocationRuleTests {
    @Test(arguments: [
        (ProvisioningStatus?.none, [String]()),
        (.enabled, []),
        (.disabled, []),
        (ProvisioningStatus(rawValue: "Enabled"), ["E:provisioning-status.invalid"]),
        (ProvisioningStatus(rawValue: "on"), ["E:provisioning-status.invalid"]),
    ])
    func provisioningStatus(status: ProvisioningStatus?, expected: [String]) {
        let entry = RuleTesting.modified(RuleTesting.symmetric()) { $0.provisioningStatus = status }
        #expect(RuleTesting.codes(ProvisioningStatusRule(), entry) == expected)
    }

    @Test func allocation() {
        func codes(_ change: (inout IndividualEnrollment) -> Void) -> [String] {
            RuleTesting.codes(AllocationRule(), RuleTesting.modified(RuleTesting.symmetric(), change))
        }
        #expect(codes { $0.allocationPolicy = .hashed }.isEmpty)
        #expect(codes { $0.allocationPolicy = "roundRobin" } == ["E:allocation-policy.unknown"])
        #expect(codes { $0.allocationPolicy = .custom } == ["E:allocation-policy.custom-without-webhook"])
        #expect(
            codes {
                $0.allocationPolicy = .custom
                $0.customAllocationDefinition = CustomAllocationDefinition(
                    webhookUrl: "https://fn.azurewebsites.net/api/alloc?code=x",
                    apiVersion: "2021-10-01"
                )
            }.isEmpty
        )
        #expect(
            codes {
                $0.allocationPolicy = .custom
                $0.customAllocationDefinition = CustomAllocationDefinition(webhookUrl: "http://x", apiVersion: "1")
            } == ["E:allocation-policy.invalid-webhook"]
        )
        #expect(
            codes {
                $0.customAllocationDefinition = CustomAllocationDefinition(
                    webhookUrl: "https://x.net/a",
                    apiVersion: "1"
                )
            } == ["W:allocation-policy.webhook-without-custom"]
        )
        #expect(
            codes {
                $0.allocationPolicy = .static
                $0.iotHubs = ["a.azure-devices.net", "b.azure-devices.net"]
            } == ["E:allocation-policy.static-needs-one-hub"]
        )
    }

    @Test(arguments: [
        ("factory-hub.azure-devices.net", [String]()),
        ("hub.azure-devices.cn", []),
        ("my-hub.example.com", ["W:hub.unusual-domain"]),
        ("https://hub.azure-devices.net", ["E:hub.invalid-host-name"]),
        ("hub..azure-devices.net", ["E:hub.invalid-host-name"]),
        ("-hub.azure-devices.net", ["E:hub.invalid-host-name"]),
        ("hub_1.azure-devices.net", ["E:hub.invalid-host-name"]),
    ])
    func hubHostNames(host: String, expected: [String]) {
        let single = RuleTesting.modified(RuleTesting.symmetric()) { $0.iotHubHostName = host }
        #expect(RuleTesting.codes(HubHostNameRule(), single) == expected)
        let listed = RuleTesting.modified(RuleTesting.symmetric()) { $0.iotHubs = [host] }
        #expect(RuleTesting.codes(HubHostNameRule(), listed) == expected)
    }

    @Test func hubListedTwice() {
        let entry = RuleTesting.modified(RuleTesting.symmetric()) {
            $0.iotHubs = ["a.azure-devices.net", "A.azure-devices.net"]
        }
        #expect(RuleTesting.codes(HubHostNameRule(), entry) == ["W:hub.listed-twice"])
    }
}

struct InitialTwinRuleTests {
    static func twin(_ json: String) throws -> ManifestEntry {
        let twin = try JSONDecoder().decode(InitialTwin.self, from: Data(json.utf8))
        return RuleTesting.modified(RuleTesting.symmetric()) { $0.initialTwin = twin }
    }

    @Test(arguments: [
        (#"{"tags":{"line":"3"},"properties":{"desired":{"interval":30,"nested":{"a":{"b":1}}}}}"#, [String]()),
        (#"{"tags":{"a.b":1}}"#, ["E:initial-twin.invalid-key"]),
        (#"{"tags":{"$a":1}}"#, ["E:initial-twin.invalid-key"]),
        (#"{"tags":{"a b":1}}"#, ["E:initial-twin.invalid-key"]),
        (#"{"properties":{"reported":{"a":1}}}"#, ["E:initial-twin.unsupported-section"]),
        (#"{"deviceId":"x"}"#, ["E:initial-twin.unsupported-section"]),
        (#"{"tags":{"version":3,"a":1}}"#, ["W:initial-twin.metadata"]),
        (
            #"{"tags":{"l1":{"l2":{"l3":{"l4":{"l5":{"l6":{"l7":{"l8":{"l9":{"l10":{"l11":{"l12":1}}}}}}}}}}}}}"#,
            ["E:initial-twin.too-deep"]
        ),
    ])
    func shapes(json: String, expected: [String]) throws {
        #expect(RuleTesting.codes(InitialTwinRule(), try Self.twin(json)) == expected)
    }

    @Test func sizeLimits() throws {
        let bigTags = "{\"tags\":{\"blob\":\"\(String(repeating: "x", count: 9000))\"}}"
        #expect(RuleTesting.codes(InitialTwinRule(), try Self.twin(bigTags)) == ["E:initial-twin.too-large"])
        let okDesired = "{\"properties\":{\"desired\":{\"blob\":\"\(String(repeating: "x", count: 9000))\"}}}"
        #expect(RuleTesting.codes(InitialTwinRule(), try Self.twin(okDesired)).isEmpty)
    }
}

struct EnrollmentSizeRuleTests {
    @Test func limitIsNinetySixKilobytes() {
        let small = RuleTesting.symmetric()
        #expect(RuleTesting.codes(EnrollmentSizeRule(), small).isEmpty)
        let big = RuleTesting.modified(small) {
            $0.initialTwin = InitialTwin(
                properties: InitialTwinProperties(
                    desired: TwinCollection(properties: ["blob": .string(String(repeating: "y", count: 100_000))])
                )
            )
        }
        #expect(RuleTesting.codes(EnrollmentSizeRule(), big) == ["E:enrollment.too-large"])
        let nearLimit = RuleTesting.modified(small) {
            $0.initialTwin = InitialTwin(
                tags: TwinCollection(properties: ["blob": .string(String(repeating: "y", count: 90_000))])
            )
        }
        #expect(RuleTesting.codes(EnrollmentSizeRule(), nearLimit).isEmpty)
    }
}

struct RuleByteHelperTests {
    @Test(arguments: [
        ("myhub.azure-devices.net", ".azure-devices.net", true),
        ("MyHub.Azure-Devices.NET", ".azure-devices.net", true),
        ("azure-devices.net", ".azure-devices.net", false),
        ("myhub.azure-devices.cn", ".azure-devices.net", false),
        ("x.azure-devices.netx", ".azure-devices.net", false),
        ("", ".azure-devices.net", false),
    ])
    func hubSuffix(host: String, suffix: String, expected: Bool) {
        #expect(HubHostNameRule.hasSuffixIgnoringASCIICase(host, suffix) == expected)
        #expect(host.lowercased().hasSuffix(suffix) == expected)
    }

    @Test func deviceIdBytesAreTheDocumentedSet() {
        let punctuation = Set("-.%_*?!(),:=@$'".utf8)
        for byte in UInt8.min...UInt8.max {
            let expected = IdentifierRule.isAlphanumeric(byte) || punctuation.contains(byte)
            #expect(DeviceIdRule.isAllowedByte(byte) == expected, "byte \(byte)")
        }
    }

    @Test(arguments: ["", "abc", "a\r\nb", "\r\n", "e\u{301}", "👍🏽x", "tpm-line3-0000001", "a\rb"])
    func characterCount(text: String) {
        #expect(IdentifierRule.characterCount(text) == text.count)
    }
}
