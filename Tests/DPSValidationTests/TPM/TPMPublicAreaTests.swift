import Testing

@testable import DPSValidation
@testable import DPSWireFormats

/// A named way to break the real RSA-2048 EK, with the error it must produce.
struct TPMKeyMutation: CustomTestStringConvertible, Sendable {
    let name: String
    let code: TPMParseError.Code
    let offset: Int
    let apply: @Sendable ([UInt8]) -> [UInt8]

    var testDescription: String { name }
}

/// The RSA EK layout: size 0, type 2, nameAlg 4, attributes 6, policy 10 (+32), symmetric 44/46/48, scheme 50,
/// keyBits 52, exponent 54, modulus size 58, modulus 60–315.
let tpmRSAEKMutations: [TPMKeyMutation] = [
    TPMKeyMutation(name: "empty", code: .truncated, offset: 0) { _ in [] },
    TPMKeyMutation(name: "truncated in size", code: .truncated, offset: 0) { Array($0.prefix(1)) },
    TPMKeyMutation(name: "truncated in type", code: .truncated, offset: 2) { Array($0.prefix(3)) },
    TPMKeyMutation(name: "truncated in attributes", code: .truncated, offset: 6) { Array($0.prefix(8)) },
    TPMKeyMutation(name: "truncated in policy", code: .truncated, offset: 12) { Array($0.prefix(30)) },
    TPMKeyMutation(name: "truncated in keyBits", code: .truncated, offset: 52) { Array($0.prefix(53)) },
    TPMKeyMutation(name: "truncated in modulus", code: .truncated, offset: 60) { Array($0.prefix(315)) },
    TPMKeyMutation(name: "truncated half way", code: .truncated, offset: 60) { Array($0.prefix(158)) },
    TPMKeyMutation(name: "size prefix one short", code: .sizeMismatch, offset: 0) {
        TPMFixtures.setting($0, uint16: 0x0139, at: 0)
    },
    TPMKeyMutation(name: "size prefix one long", code: .sizeMismatch, offset: 0) {
        TPMFixtures.setting($0, uint16: 0x013B, at: 0)
    },
    TPMKeyMutation(name: "size prefix counts itself", code: .sizeMismatch, offset: 0) {
        TPMFixtures.setting($0, uint16: 316, at: 0)
    },
    TPMKeyMutation(name: "trailing byte", code: .trailingBytes, offset: 316) { $0 + [0] },
    TPMKeyMutation(name: "unknown type", code: .unknownType, offset: 2) {
        TPMFixtures.setting($0, uint16: 0x0002, at: 2)
    },
    TPMKeyMutation(name: "keyed hash type", code: .unsupportedType, offset: 2) {
        TPMFixtures.setting($0, uint16: 0x0008, at: 2)
    },
    TPMKeyMutation(name: "symcipher type", code: .unsupportedType, offset: 2) {
        TPMFixtures.setting($0, uint16: 0x0025, at: 2)
    },
    TPMKeyMutation(name: "unknown nameAlg", code: .unknownNameAlgorithm, offset: 4) {
        TPMFixtures.setting($0, uint16: 0x0005, at: 4)
    },
    TPMKeyMutation(name: "NULL nameAlg", code: .unknownNameAlgorithm, offset: 4) {
        TPMFixtures.setting($0, uint16: 0x0010, at: 4)
    },
    TPMKeyMutation(name: "reserved attribute bit", code: .reservedAttributes, offset: 6) {
        var b = $0
        b[9] |= 0x01
        return b
    },
    TPMKeyMutation(name: "policy 20 bytes with SHA256", code: .badPolicyLength, offset: 10) {
        TPMFixtures.setting($0, uint16: 20, at: 10)
    },
    TPMKeyMutation(name: "policy 32 bytes with SHA384", code: .badPolicyLength, offset: 10) {
        TPMFixtures.setting($0, uint16: 0x000C, at: 4)
    },
    TPMKeyMutation(name: "unknown symmetric algorithm", code: .unknownSymmetricAlgorithm, offset: 44) {
        TPMFixtures.setting($0, uint16: 0x0007, at: 44)
    },
    TPMKeyMutation(name: "AES-100", code: .symmetricKeyBits, offset: 46) {
        TPMFixtures.setting($0, uint16: 100, at: 46)
    },
    TPMKeyMutation(name: "unknown symmetric mode", code: .unknownSymmetricMode, offset: 48) {
        TPMFixtures.setting($0, uint16: 0x0099, at: 48)
    },
    TPMKeyMutation(name: "unknown scheme", code: .unknownScheme, offset: 50) {
        TPMFixtures.setting($0, uint16: 0x0099, at: 50)
    },
    TPMKeyMutation(name: "RSASSA with unknown hash", code: .unknownSchemeHash, offset: 52) {
        // Scheme RSASSA makes the following word (keyBits 0x0800) its hash algorithm.
        TPMFixtures.setting($0, uint16: 0x0014, at: 50)
    },
    TPMKeyMutation(name: "keyBits 1024", code: .rsaKeyBits, offset: 52) {
        TPMFixtures.setting($0, uint16: 1024, at: 52)
    },
    TPMKeyMutation(name: "keyBits 3072 with a 2048-bit modulus", code: .modulusLength, offset: 58) {
        TPMFixtures.setting($0, uint16: 3072, at: 52)
    },
    TPMKeyMutation(name: "even exponent", code: .rsaExponent, offset: 54) {
        var b = $0
        b[57] = 2
        return b
    },
    TPMKeyMutation(name: "modulus 255 bytes", code: .modulusLength, offset: 58) {
        let b = TPMFixtures.setting(
            TPMFixtures.setting(Array($0.dropLast()), uint16: 0x0139, at: 0),
            uint16: 255,
            at: 58
        )
        return b
    },
    TPMKeyMutation(name: "modulus empty (a template)", code: .modulusLength, offset: 58) {
        TPMFixtures.setting(TPMFixtures.setting(Array($0.prefix(60)), uint16: 58, at: 0), uint16: 0, at: 58)
    },
    TPMKeyMutation(name: "modulus top bit clear", code: .modulusTopBit, offset: 60) {
        var b = $0
        b[60] &= 0x7F
        return b
    },
    TPMKeyMutation(name: "modulus even", code: .modulusEven, offset: 315) {
        var b = $0
        b[315] &= 0xFE
        return b
    },
]

/// The ECC EK layout: ... scheme 50, curve 52, kdf 54, x size 56, x 58–89, y size 90, y 92–123.
let tpmECCEKMutations: [TPMKeyMutation] = [
    TPMKeyMutation(name: "unknown curve", code: .unknownCurve, offset: 52) {
        TPMFixtures.setting($0, uint16: 0x0099, at: 52)
    },
    TPMKeyMutation(name: "unknown KDF", code: .unknownScheme, offset: 54) {
        TPMFixtures.setting($0, uint16: 0x0099, at: 54)
    },
    TPMKeyMutation(name: "x 31 bytes", code: .eccPointLength, offset: 56) {
        var b = $0
        b.remove(at: 58)
        return TPMFixtures.setting(TPMFixtures.setting(b, uint16: 31, at: 56), uint16: 0x0079, at: 0)
    },
    TPMKeyMutation(name: "y 33 bytes", code: .eccPointLength, offset: 90) {
        TPMFixtures.setting(TPMFixtures.setting($0 + [1], uint16: 33, at: 90), uint16: 0x007B, at: 0)
    },
    TPMKeyMutation(name: "curve P-384 with P-256 point", code: .eccPointLength, offset: 56) {
        TPMFixtures.setting($0, uint16: 0x0004, at: 52)
    },
    TPMKeyMutation(name: "truncated in y", code: .truncated, offset: 92) { Array($0.prefix(100)) },
    TPMKeyMutation(name: "trailing bytes", code: .trailingBytes, offset: 124) { $0 + [0, 0] },
]

struct TPMPublicAreaTests {
    @Test(arguments: TPMFixtures.keys)
    func everyFixtureParses(name: String) throws {
        let bytes = try TPMFixtures.bytes(name)
        let area = try TPMPublicArea(tpm2bPublic: bytes)
        #expect(area.objectAttributes.isSuperset(of: .storageKey))
        #expect(Int(bytes[0]) << 8 | Int(bytes[1]) == bytes.count - 2)
    }

    @Test func rsaEndorsementKeyFields() throws {
        let area = try TPMPublicArea(tpm2bPublic: TPMFixtures.bytes("ek-rsa2048.b64"))
        #expect(area.type == .rsa)
        #expect(area.nameAlgorithm == .sha256)
        #expect(area.objectAttributes.rawValue == 0x0003_00B2)
        #expect(
            area.objectAttributes.names
                == ["fixedTPM", "fixedParent", "sensitiveDataOrigin", "adminWithPolicy", "restricted", "decrypt"]
        )
        #expect(area.authPolicy == TPMEndorsementKeyTemplate.policyASHA256)
        #expect(area.symmetric == TPMSymmetricDefinition(algorithm: .aes, keyBits: 128, mode: .cfb))
        #expect(area.scheme == .null)
        guard case .rsa(let rsa) = area.key else {
            Issue.record("expected an RSA key")
            return
        }
        #expect(rsa.keyBits == 2048)
        #expect(rsa.exponent == 0)
        #expect(rsa.effectiveExponent == 65537)
        #expect(rsa.modulus.count == 256)
    }

    @Test func eccEndorsementKeyFields() throws {
        let area = try TPMPublicArea(tpm2bPublic: TPMFixtures.bytes("ek-ecc-p256.b64"))
        guard case .ecc(let ecc) = area.key else {
            Issue.record("expected an ECC key")
            return
        }
        #expect(ecc.curve == .nistP256)
        #expect(ecc.kdf == .null)
        #expect(ecc.x.count == 32 && ecc.y.count == 32)
        #expect(area.endorsementKeyTemplate == .eccP256L2)
    }

    @Test func storageRootKeyFields() throws {
        let area = try TPMPublicArea(tpm2bPublic: TPMFixtures.bytes("srk-rsa2048.b64"))
        #expect(area.authPolicy.isEmpty)
        #expect(area.objectAttributes.contains([.userWithAuth, .noDA]))
        #expect(!area.objectAttributes.contains(.adminWithPolicy))
        #expect(area.endorsementKeyTemplate == nil)
    }

    @Test func rsa3072EndorsementKeyUsesSHA384() throws {
        let area = try TPMPublicArea(tpm2bPublic: TPMFixtures.bytes("ek-rsa3072.b64"))
        #expect(area.nameAlgorithm == .sha384)
        #expect(area.authPolicy.count == 48)
        #expect(area.keyDescription == "RSA-3072")
    }

    @Test(arguments: tpmRSAEKMutations)
    func rejectsBrokenRSAKey(mutation: TPMKeyMutation) throws {
        try expectFailure(mutation, base: TPMFixtures.bytes("ek-rsa2048.b64"))
    }

    @Test(arguments: tpmECCEKMutations)
    func rejectsBrokenECCKey(mutation: TPMKeyMutation) throws {
        try expectFailure(mutation, base: TPMFixtures.bytes("ek-ecc-p256.b64"))
    }

    private func expectFailure(_ mutation: TPMKeyMutation, base: [UInt8]) {
        let bytes = mutation.apply(base)
        #expect(bytes != base)
        do {
            let area = try TPMPublicArea(tpm2bPublic: bytes)
            Issue.record("parsed \(area.keyDescription) from a key broken by \(mutation.name)")
        } catch {
            #expect(error.code == mutation.code, "\(error.message)")
            #expect(error.offset == mutation.offset, "\(error.message)")
            #expect(error.message.contains("byte \(error.offset)"), "\(error.message)")
        }
    }

    @Test func parseErrorsCompareByCode() {
        #expect(
            TPMParseError(code: .truncated, offset: 1, message: "x")
                == TPMParseError(code: .truncated, offset: 7, message: "y")
        )
    }

    @Test func algorithmDescriptions() {
        #expect(TPMAlgorithm.sha256.description == "SHA256 (0x000B)")
        #expect(TPMAlgorithm(rawValue: 0x1234).description == "0x1234")
        #expect(TPMECCCurve.nistP521.coordinateSize == 66)
    }
}
