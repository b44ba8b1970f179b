import Foundation
import Testing

@testable import DPSValidation
@testable import DPSWireFormats

struct TPMKeyAssessmentTests {
    static let notesPrefix = "AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEA"

    @Test(arguments: ["ek-rsa2048.b64"] + TPMFixtures.deviceEKs)
    func standardRSAEndorsementKeyHasNoIssues(name: String) throws {
        let text = try TPMFixtures.text(name)
        #expect(text.hasPrefix(Self.notesPrefix))
        let bytes = try TPMFixtures.bytes(name)
        #expect(TPMEndorsementKeyTemplate.isStandardRSA2048EK(bytes))
        let assessment = TPMKeyAssessment(base64: text, role: .endorsementKey)
        #expect(assessment.issues.isEmpty, "\(assessment.issues)")
        #expect(assessment.publicArea?.endorsementKeyTemplate == .rsa2048L1)
    }

    @Test func deviceKeysAreDistinct() throws {
        let eks = try Set(TPMFixtures.deviceEKs.map(TPMFixtures.text))
        let srks = try Set(
            TPMFixtures.deviceEKs.map { try TPMFixtures.text($0.replacingOccurrences(of: "-ek", with: "-srk")) }
        )
        #expect(eks.count == 6)
        #expect(srks.count == 6)
    }

    @Test(arguments: ["ek-ecc-p256.b64", "ek-rsa3072.b64"])
    func nonStandardEndorsementKeyIsOnlyAWarning(name: String) throws {
        let bytes = try TPMFixtures.bytes(name)
        #expect(!TPMEndorsementKeyTemplate.isStandardRSA2048EK(bytes))
        let issues = TPMKeyAssessment.issues(for: bytes, role: .endorsementKey)
        #expect(issues == [TPMKeyIssue(.warning, .nonStandardEK, "")], "\(issues)")
    }

    @Test(arguments: ["srk-rsa2048.b64", "srk-ecc-p256.b64", "device-03-srk.b64"])
    func storageRootKeyInEndorsementColumnIsAnError(name: String) throws {
        let assessment = try TPMKeyAssessment(base64: TPMFixtures.text(name), role: .endorsementKey)
        #expect(assessment.hasErrors)
        #expect(assessment.issues.map(\.code) == [.srkInEKColumn])
        #expect(assessment.issues.first?.message.contains("looks like a storage root key") == true)
        #expect(!TPMEndorsementKeyTemplate.isStandardRSA2048EK(try TPMFixtures.bytes(name)))
    }

    @Test(arguments: ["srk-rsa2048.b64", "srk-ecc-p256.b64", "device-01-srk.b64"])
    func storageRootKeyInItsColumnHasNoIssues(name: String) throws {
        let issues = try TPMKeyAssessment.issues(for: TPMFixtures.bytes(name), role: .storageRootKey)
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test(arguments: ["ek-rsa2048.b64", "ek-ecc-p256.b64", "ek-rsa3072.b64", "device-02-ek.b64"])
    func endorsementKeyInStorageColumnIsAnError(name: String) throws {
        let issues = try TPMKeyAssessment.issues(for: TPMFixtures.bytes(name), role: .storageRootKey)
        #expect(issues.map(\.code) == [.ekInSRKColumn])
        #expect(issues.first?.severity == .error)
        #expect(issues.first?.message.contains("looks like an endorsement key") == true)
    }

    @Test func missingStorageAttributesAreAnError() throws {
        var bytes = try TPMFixtures.bytes("ek-rsa2048.b64")
        bytes[7] |= 0x04  // sign
        bytes[7] &= ~0x01  // restricted
        let issues = TPMKeyAssessment.issues(for: bytes, role: .endorsementKey)
        #expect(issues.map(\.code) == [.notAStorageKey])
        #expect(issues.first?.message.contains("restricted") == true)
        #expect(issues.first?.message.contains("sign") == true)
    }

    @Test func endorsementKeyWithoutAdminWithPolicyLooksLikeAnSRK() throws {
        var bytes = try TPMFixtures.bytes("ek-rsa2048.b64")
        bytes[9] &= ~0x80
        let issues = TPMKeyAssessment.issues(for: bytes, role: .endorsementKey)
        #expect(issues.map(\.code) == [.srkInEKColumn])
    }

    @Test func nonStandardPolicyIsAWarning() throws {
        var bytes = try TPMFixtures.bytes("ek-rsa2048.b64")
        bytes[12] ^= 0xFF
        let issues = TPMKeyAssessment.issues(for: bytes, role: .endorsementKey)
        #expect(issues == [TPMKeyIssue(.warning, .nonStandardEK, "")])
        #expect(issues.first?.message.contains("non-standard policy") == true)
        #expect(!TPMEndorsementKeyTemplate.isStandardRSA2048EK(bytes))
    }

    @Test func storageParametersAreChecked() throws {
        // An SRK whose symmetric definition is NULL: 0x0010 at 10 and no keyBits/mode follow.
        let srk = try TPMFixtures.bytes("srk-rsa2048.b64")  // policy empty: symmetric at 12
        var bytes = Array(srk.prefix(12)) + [0x00, 0x10] + Array(srk.dropFirst(18))
        bytes[0] = UInt8((bytes.count - 2) >> 8)
        bytes[1] = UInt8((bytes.count - 2) & 0xFF)
        let issues = TPMKeyAssessment.issues(for: bytes, role: .storageRootKey)
        #expect(issues.map(\.code) == [.storageSymmetric])
    }

    @Test func malformedKeyCarriesTheParseError() throws {
        let bytes = try TPMFixtures.bytes("ek-rsa2048.b64") + [0]
        let assessment = TPMKeyAssessment(bytes: bytes, role: .endorsementKey)
        #expect(assessment.publicArea == nil)
        #expect(assessment.issues.map(\.code) == [.malformedPublicArea])
        #expect(assessment.issues.first?.parseError?.code == .trailingBytes)
        #expect(assessment.issues.first?.message.contains("byte 316") == true)
    }

    @Test func invalidBase64CarriesTheBase64Error() throws {
        let text = try TPMFixtures.text("ek-rsa2048.b64")
        let wrapped = String(text.prefix(76)) + "\n" + String(text.dropFirst(76))
        let assessment = TPMKeyAssessment(base64: wrapped, role: .endorsementKey)
        #expect(assessment.issues.map(\.code) == [.invalidBase64])
        #expect(assessment.issues.first?.base64Error?.code == .whitespace)
        #expect(assessment.issues.first?.base64Error?.offset == 76)
    }

    @Test func emptyValue() {
        #expect(TPMKeyAssessment(base64: "", role: .endorsementKey).issues.map(\.code) == [.emptyKey])
    }

    // MARK: Wrong inputs

    @Test func pemPublicKeyIsNamed() throws {
        let pem = try TPMFixtures.text("wrong-ek-rsa2048.pem")
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let issues = TPMKeyAssessment(base64: pem, role: .endorsementKey).issues
        #expect(issues.map(\.code) == [.pemKey])
        #expect(issues.first?.message.contains("tpm2_createek") == true)
    }

    @Test func pemCertificateIsNamed() {
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"
        #expect(TPMKeyAssessment(base64: pem, role: .endorsementKey).issues.map(\.code) == [.certificate])
    }

    @Test func derSubjectPublicKeyInfoIsNamed() throws {
        let text = try TPMFixtures.text("wrong-ek-rsa2048-spki-der.b64")
        let issues = TPMKeyAssessment(base64: text, role: .endorsementKey).issues
        #expect(issues.map(\.code) == [.derPublicKey])
        #expect(issues.first?.message.contains("0x30") == true)
    }

    @Test func derCertificateIsNamed() {
        // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version ... } ... }
        let der: [UInt8] = [0x30, 0x82, 0x03, 0x00, 0x30, 0x82, 0x02, 0x80, 0xA0, 0x03, 0x02, 0x01, 0x02]
        let issues = TPMKeyAssessment.issues(for: der, role: .endorsementKey)
        #expect(issues.map(\.code) == [.certificate])
    }

    @Test(arguments: ["ek-rsa2048.b64", "ek-ecc-p256.b64", "srk-rsa2048.b64"])
    func bareTPMTPublicIsNamed(name: String) throws {
        let bare = Array(try TPMFixtures.bytes(name).dropFirst(2))
        let assessment = TPMKeyAssessment(base64: StrictBase64.encode(bare), role: .endorsementKey)
        #expect(assessment.issues.map(\.code) == [.bareTPMTPublic])
        #expect(assessment.issues.first?.message.contains("size prefix") == true)
    }

    @Test func hexInsteadOfBase64IsNamed() throws {
        let hex = TPMHex.string(try TPMFixtures.bytes("ek-rsa2048.b64"))
        #expect(hex.count % 4 == 0)  // so it is also well-formed base64, and only the parse fails
        let issues = TPMKeyAssessment(base64: hex, role: .endorsementKey).issues
        #expect(issues.map(\.code) == [.hexEncoded])
    }

    @Test func randomBytesAreJustMalformed() {
        let issues = TPMKeyAssessment.issues(for: [0x01, 0x02, 0x03, 0x04], role: .storageRootKey)
        #expect(issues.map(\.code) == [.malformedPublicArea])
        #expect(issues.first?.parseError?.code == .unknownType)
    }
}
