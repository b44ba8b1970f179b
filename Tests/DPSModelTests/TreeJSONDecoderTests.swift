import Foundation
import Testing

@testable import DPSModel

/// ``TreeJSONDecoder``: which bodies one parse answers, which it leaves to `JSONDecoder`, and that the answer is
/// `JSONDecoder`'s either way (the generated cases are in `TreeJSONDecoderProperties`).
struct TreeJSONDecoderTests {
    static func item(_ id: String, _ extra: String = "") -> String {
        #"{"registrationId":"\#(id)","attestation":{"type":"tpm","tpm":{"endorsementKey":"AToAAQALAAMAsgAg"}},"#
            + #""iotHubHostName":"bench-hub.azure-devices.net","provisioningStatus":"enabled"\#(extra)}"#
    }

    static func body(_ items: [String], extra: String = "") -> Data {
        Data(#"{"mode":"create","enrollments":[\#(items.joined(separator: ","))]\#(extra)}"#.utf8)
    }

    @Test func aBenchmarkBodyIsDecodedInOneParseToWhatJSONDecoderGives() throws {
        let data = Self.body((1...10).map { Self.item("bench-0-1-\($0)") })
        let fast = try #require(TreeJSONDecoder.decodeInOneParse(BulkEnrollmentOperation.self, from: data))
        #expect(fast == (try JSONDecoder().decode(BulkEnrollmentOperation.self, from: data)))
        #expect(fast.enrollments.count == 10)
        #expect(fast.enrollments[9].attestation.tpm?.endorsementKey == "AToAAQALAAMAsgAg")
    }

    @Test func unknownMembersAndTwinsAreKeptInOneParse() throws {
        let twin = #","initialTwin":{"tags":{"floor":3,"ratio":0.5,"list":[true,null,"x"]}},"future":{"a":[1]}"#
        let data = Self.body([Self.item("d\\u00e9v", twin)], extra: #","apiHint":"x""#)
        let fast = try #require(TreeJSONDecoder.decodeInOneParse(BulkEnrollmentOperation.self, from: data))
        #expect(fast == (try JSONDecoder().decode(BulkEnrollmentOperation.self, from: data)))
        #expect(fast.unknownFields == ["apiHint": .string("x")])
        let enrollment = try #require(fast.enrollments.first)
        #expect(enrollment.registrationId == "d\u{e9}v")
        #expect(enrollment.unknownFields == ["future": .object(["a": .array([.integer(1)])])])
        #expect(enrollment.initialTwin?.tags?.properties["ratio"] == .number(0.5))
    }

    /// Documents one parse might read otherwise than `JSONDecoder`: left to it, whose answer they get.
    @Test(arguments: [
        #"{"mode":"create","enrollments":[],"x":1.0}"#, #"{"mode":"create","enrollments":[],"x":1e2}"#,
        #"{"mode":"create","enrollments":[],"x":99999999999999999999}"#,
        #"{"mode":"create","mode":"delete","enrollments":[]}"#, "\u{FEFF}{\"mode\":\"create\",\"enrollments\":[]}",
    ])
    func ambiguousDocumentsAreLeftToJSONDecoder(text: String) throws {
        let data = Data(text.utf8)
        #expect(TreeJSONDecoder.decodeInOneParse(BulkEnrollmentOperation.self, from: data) == nil)
        let reference = Result { try JSONDecoder().decode(BulkEnrollmentOperation.self, from: data) }
        let decoded = Result { try TreeJSONDecoder.decode(BulkEnrollmentOperation.self, from: data) }
        switch (reference, decoded) {
        case (.success(let expected), .success(let value)): #expect(value == expected)
        case (.failure(let expected), .failure(let error)):
            #expect(JSONErrorText.describe(error) == JSONErrorText.describe(expected))
        default: Issue.record("JSONDecoder and TreeJSONDecoder disagree on \(text)")
        }
    }

    @Test func invalidUTF8IsLeftToJSONDecoder() {
        var bytes = Array(#"{"mode":"create","enrollments":[],"x":"a"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#""}"#.utf8)
        #expect(TreeJSONDecoder.decodeInOneParse(BulkEnrollmentOperation.self, from: Data(bytes)) == nil)
    }

    /// The 400 messages for bad bodies are `JSONDecoder`'s, word for word.
    @Test(arguments: [
        #"{"mode":"create","enrollments":[{"registrationId":1}]}"#,
        #"{"mode":"create","enrollments":[{"registrationId":"a"}]}"#, #"{"mode":"create","enrollments":"#,
        #"{"mode":"create","enrollments":[{"registrationId":"a","attestation":{"type":"tpm"},"iotHubs":[1]}]}"#,
        #"{"mode":"create","enrollments":[{"registrationId":"a","attestation":{"type":"x"},"capabilities":{}}]}"#,
        #"{"mode":"create","enrollments":[{"registrationId":"a","attestation":{"type":"x"},"etag":false}]}"#,
        "[1]", "nul",
    ])
    func badBodiesGetJSONDecodersMessage(text: String) throws {
        let data = Data(text.utf8)
        let expected = #expect(throws: (any Error).self) {
            try JSONDecoder().decode(BulkEnrollmentOperation.self, from: data)
        }
        let error = #expect(throws: (any Error).self) {
            try TreeJSONDecoder.decode(BulkEnrollmentOperation.self, from: data)
        }
        #expect(error.map(JSONErrorText.describe) == expected.map(JSONErrorText.describe))
    }
}
