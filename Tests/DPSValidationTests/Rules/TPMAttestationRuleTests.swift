import DPSManifest
import DPSModel
import Testing

@testable import DPSValidation

struct TPMAttestationRuleTests {
    @Test func realKeysFromTheSimulator() throws {
        let ek = try Fixture.text("tpm/ek-rsa2048.b64")
        let srk = try Fixture.text("tpm/srk-rsa2048.b64")
        #expect(RuleTesting.codes(TPMAttestationRule(), RuleTesting.tpm(ek: ek, srk: srk)).isEmpty)
        #expect(
            RuleTesting.codes(TPMAttestationRule(), RuleTesting.tpm(ek: try Fixture.text("tpm/ek-ecc-p256.b64")))
                == ["W:endorsement-key.non-standard-ek"]
        )
        #expect(
            RuleTesting.codes(TPMAttestationRule(), RuleTesting.tpm(ek: srk)) == ["E:endorsement-key.srk-in-ek-column"]
        )
        #expect(
            RuleTesting.codes(TPMAttestationRule(), RuleTesting.tpm(ek: ek, srk: ek))
                == ["E:storage-root-key.ek-in-srk-column"]
        )
    }

    @Test func missingAndBrokenKeys() {
        #expect(RuleTesting.codes(TPMAttestationRule(), RuleTesting.tpm(ek: nil)) == ["E:endorsement-key.missing"])
        #expect(
            RuleTesting.codes(TPMAttestationRule(), RuleTesting.tpm(ek: "not base64!"))
                == ["E:endorsement-key.invalid-base64"]
        )
        #expect(
            RuleTesting.codes(TPMAttestationRule(), RuleTesting.tpm(ek: "AToAAQALAAMAsgAgg3GXZ0SE"))
                == ["E:endorsement-key.malformed-public-area"]
        )
    }
}
