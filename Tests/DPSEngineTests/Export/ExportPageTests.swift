import DPSModel
import Foundation
import Testing

@testable import DPSEngine

/// `--include-keys` on a passed-through page: the completed attestation is spliced into the item's bytes, and the
/// line is byte for byte what the model's round trip (decode, set the attestation, encode sorted) writes.
@Suite struct ExportPageTests {
    static let items = [
        #"{"registrationId":"tpm-1","attestation":{"type":"tpm","tpm":{"endorsementKey":"AToAAQAL"}},"etag":"\"t\""}"#,
        #"{"registrationId":"sym-1","provisioningStatus":"enabled","etag":"\"e1\"","#
            + #""attestation":{"type":"symmetricKey","symmetricKey":{}},"iotHubs":["h1"],"#
            + #""capabilities":{"iotEdge":true},"unknownMember":{"b":[true,null],"a":7}}"#,
        #"{"attestation":{"x509":{"clientCertificates":{"primary":{"info":{"subjectName":"CN=x"}}}},"type":"x509"},"#
            + #""registrationId":"x509-1","deviceId":"d/1"}"#,
    ]
    static let symmetricKeys = #"{"type":"symmetricKey","symmetricKey":{"primaryKey":"cA==","secondaryKey":"cQ=="}}"#
    static let certificate =
        #"{"type":"x509","x509":{"clientCertificates":{"primary":{"certificate":"MIIB/x==","#
        + #""info":{"subjectName":"CN=x"}}}}}"#

    static func page() throws -> ExportPage {
        let json = Data("[\(items.joined(separator: ",\n "))]".utf8)
        return try ExportPage(
            SourceInstance.RawPage(isGroups: false, json: json, continuation: nil),
            format: .jsonLines
        )
    }

    @Test func theKeyedItemsAreTheSymmetricKeyAndX509OnesWithTheirIdentifiersAndEtags() throws {
        #expect(
            try Self.page().keyedItems() == [
                ExportPage.Keyed(position: 1, isGroup: false, identifier: "sym-1", etag: "\"e1\""),
                ExportPage.Keyed(position: 2, isGroup: false, identifier: "x509-1", etag: nil),
            ]
        )
    }

    @Test func aSplicedLineIsByteForByteTheModelsRoundTripWithTheCompletedAttestation() throws {
        let decoder = JSONDecoder()
        let completed = [
            (
                position: 1,
                attestation: try decoder.decode(AttestationMechanism.self, from: Data(Self.symmetricKeys.utf8))
            ),
            (
                position: 2,
                attestation: try decoder.decode(AttestationMechanism.self, from: Data(Self.certificate.utf8))
            ),
        ]
        let encoder = ExportEngine.lineEncoder
        let lines = try Self.page().data(completing: completed) { _ in
            Issue.record("a passed-through item is never encoded through the model")
            return Data()
        } encodeAttestation: {
            try encoder.encode($0)
        }
        var expected = Data()
        for (position, item) in Self.items.enumerated() {
            var enrollment = try decoder.decode(IndividualEnrollment.self, from: Data(item.utf8))
            if let completion = completed.first(where: { $0.position == position }) {
                enrollment.attestation = completion.attestation
            }
            expected.append(try encoder.encode(enrollment))
            expected.append(0x0A)
        }
        #expect(String(decoding: lines, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(String(decoding: lines, as: UTF8.self).contains(#""primaryKey":"cA==""#))
    }

    @Test func nothingToCompleteLeavesThePageAsItCame() throws {
        let page = try Self.page()
        let lines = try page.data(completing: []) { _ in
            Data()
        } encodeAttestation: { _ in
            Data()
        }
        #expect(String(decoding: lines, as: UTF8.self).split(separator: "\n").count == 3)
        #expect(!String(decoding: lines, as: UTF8.self).contains("primaryKey"))
    }
}
