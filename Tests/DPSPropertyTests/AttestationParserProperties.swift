import DPSModel
import DPSValidation
import DPSWireFormats
import Foundation
import PropertyBased
import Testing

/// The TPM and X.509 parsers and the bulk-result decoder on damaged real values: a finding or an error, never a
/// trap, never an allocation sized by a length field the input claims.
struct AttestationParserProperties {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples")

    /// A real endorsement key (TPM2B_PUBLIC, RSA 2048) from the samples.
    static let endorsementKey: [UInt8] = {
        let text = (try? String(contentsOf: samples.appendingPathComponent("factory-tpm.csv"), encoding: .utf8)) ?? ""
        let row = text.split(separator: "\n").dropFirst().first.map { $0.split(separator: ",") } ?? []
        return row.count > 3 ? Array(Data(base64Encoded: String(row[3])) ?? Data()) : []
    }()

    /// A real device certificate (PEM) from the samples.
    static let certificate: [UInt8] = {
        let path = samples.appendingPathComponent("x509/devices/x509-line7-000201.pem")
        return Array((try? Data(contentsOf: path)) ?? Data())
    }()

    @Test func theSeedsAreReal() throws {
        #expect(Self.endorsementKey.count == 316)
        #expect(String(decoding: Self.certificate, as: UTF8.self).contains("BEGIN CERTIFICATE"))
        _ = try TPMPublicArea(tpm2bPublic: Self.endorsementKey)
        _ = try CertificateValue(parsing: String(decoding: Self.certificate, as: UTF8.self))
    }

    @Test func tpmParserOnDamagedKeys() async {
        await propertyCheck(count: Fuzz.count, input: Fuzz.mutations(of: Self.endorsementKey)) { bytes in
            _ = try? TPMPublicArea(tpm2bPublic: bytes)
            let assessment = TPMKeyAssessment(bytes: bytes, role: .endorsementKey)
            _ = assessment
            _ = TPMKeyAssessment(base64: Data(bytes).base64EncodedString(), role: .endorsementKey)
        }
    }

    @Test func tpmParserOnArbitraryBytes() async {
        await propertyCheck(count: Fuzz.count, input: Fuzz.bytes(upTo: 64)) { bytes in
            // Size prefixes claiming up to 64 KiB over a few bytes must fail, not allocate.
            _ = try? TPMPublicArea(tpm2bPublic: bytes)
        }
    }

    @Test func x509ParserOnDamagedCertificates() async {
        await propertyCheck(count: 500, input: Fuzz.mutations(of: Self.certificate, edits: 4)) { bytes in
            _ = try? CertificateValue(parsing: String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func x509ParserOnDamagedDER() async throws {
        let der = try CertificateValue(parsing: String(decoding: Self.certificate, as: UTF8.self))
            .derEncodedCertificates[0]
        await propertyCheck(count: Fuzz.count, input: Fuzz.mutations(of: der, edits: 6)) { bytes in
            _ = try? CertificateValue(parsing: Data(bytes).base64EncodedString())
        }
    }

    static let bulkTokens = [
        "{", "}", "[", "]", ",", ":", "\"isSuccessful\"", "\"errors\"", "\"registrationId\"", "\"errorCode\"",
        "\"errorStatus\"", "\"enrollmentGroupId\"", "true", "false", "null", "400", "1e999", "-9223372036854775809",
        "99999999999999999999", "\"x\"", "1.5",
    ]

    @Test func bulkResultDecoderNeverTraps() async {
        await propertyCheck(count: Fuzz.count, input: Fuzz.tokens(Self.bulkTokens, parts: 24)) { text in
            let data = Data(text.utf8)
            _ = try? JSONDecoder().decode(BulkEnrollmentOperationResult.self, from: data)
            _ = try? JSONDecoder().decode(BulkEnrollmentGroupOperationResult.self, from: data)
            _ = try? JSONDecoder().decode(ProvisioningServiceErrorDetails.self, from: data)
        }
    }

    @Test func bulkResultDecoderOnAValidResult() throws {
        let text = #"{"isSuccessful":false,"errors":[{"registrationId":"a","errorCode":409203,"errorStatus":"x"}]}"#
        let result = try JSONDecoder().decode(BulkEnrollmentOperationResult.self, from: Data(text.utf8))
        #expect(result.isSuccessful == false)
    }
}
