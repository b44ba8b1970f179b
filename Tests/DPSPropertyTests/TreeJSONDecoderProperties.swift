import Foundation
import PropertyBased
import Synchronization
import Testing

@testable import DPSModel

/// The emulator's one-parse decoder of request bodies against `JSONDecoder`, on generated bulk bodies: where the
/// one parse answers, its value is `JSONDecoder`'s; in every case the value, or the error message a client is
/// shown, is `JSONDecoder`'s.
struct TreeJSONDecoderProperties {
    /// Member values: the right type for some members and the wrong one for most, numbers `JSONDecoder` may read
    /// as integers, strings with escapes and text beyond ASCII.
    static let values = [
        #""dev-1""#, #""D\u00e9v \"q\" \ud83d\ude00 \/""#, "\"\u{e9}t\u{e9} \u{1F600}\"", "1", "-0", "0", "1.0", "1e2",
        "1.5", "-2.5e-3", "1E400", "99999999999999999999", "9223372036854775807", "true", "false", "null", "[]",
        #"["hub-a.azure-devices.net","b"]"#, "{}", #"["a",1]"#,
        #"{"type":"tpm","tpm":{"endorsementKey":"AToAAQALAAMAsgAg","extra":[1,2.5]}}"#,
        #"{"type":"symmetricKey","symmetricKey":{"primaryKey":"cHJpbWFyeQ==","secondaryKey":null}}"#,
        #"{"type":"x509","x509":{"caReferences":{"primary":"ca-1"}},"future":{"a":true}}"#,
        #"{"type":"newKind","tpm":null}"#, #"{"type":1}"#, #"{"tpm":{}}"#,
        #"{"tags":{"a":1.5,"b":[1,-0.25,null],"c":{"d":"e"}},"properties":{"desired":{"x":"y","$version":4}}}"#,
        #"{"tags":{"n":2.0}}"#, #"{"iotEdge":true}"#, #"{"iotEdge":1}"#,
        #"{"updateHubAssignment":true,"migrateDeviceData":false}"#, #"{"updateHubAssignment":true}"#,
        #""2021-10-01T17:42:04.7236346Z""#, #""2021-10-01T17:42:04+02:00""#, #""not a time""#,
        #"{"version":3,"count":7,"x":1}"#, #"{"version":3.5}"#,
        #"{"webhookUrl":"https://x","apiVersion":"2019-03-31"}"#,
    ]
    static let members = [
        "registrationId", "deviceId", "attestation", "capabilities", "iotHubHostName", "initialTwin", "etag",
        "provisioningStatus", "reprovisionPolicy", "createdDateTimeUtc", "allocationPolicy", "iotHubs",
        "optionalDeviceInformation", "customAllocationDefinition", "registrationState", "extra", "RegistrationId",
        "r\u{e9}g", "registrationId",
    ]
    static let modes = [#""create""#, #""update""#, #""delete""#, #""updateIfMatchETag""#, #""bogus""#, "1", "null"]

    /// One enrollment: a registration ID and an attestation chosen from `values` (or left out), then members
    /// and values picked at random (so repeated members, wrong types and unknown members all come up).
    static let enrollment = zip(
        Gen.int(in: 0...4),
        Gen.int(in: 19...25),
        zip(Gen.int(in: 0...(members.count - 1)), Gen.int(in: 0...(values.count - 1))).array(of: 0...3)
    ).map { id, attestation, extras in
        var parts: [String] = []
        if id < 4 { parts.append("\"registrationId\":\(values[id])") }
        if attestation < 25 { parts.append("\"attestation\":\(values[attestation])") }
        for (member, value) in extras { parts.append("\"\(members[member])\":\(values[value])") }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// A bulk body of up to 4 enrollments, a mode, and maybe an unknown top-level member.
    static let body = zip(enrollment.array(of: 0...4), Gen.int(in: 0...(modes.count - 1)), Gen.int(in: 0...2)).map {
        items,
        mode,
        extra in
        var parts = ["\"mode\":\(modes[mode])", "\"enrollments\":[" + items.joined(separator: ",") + "]"]
        if extra == 1 { parts.append("\"apiHint\":{\"a\":[1.25,\"b\"]}") }
        if extra == 2 { parts.reverse() }
        return Data(("{" + parts.joined(separator: ",") + "}").utf8)
    }

    final class Counter: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func add() { count.withLock { $0 += 1 } }
    }

    /// What decoding gave: a value, or the message a client would read.
    enum Outcome<Value: Equatable>: Equatable {
        case value(Value)
        case failure(String)

        init(_ decode: () throws -> Value) {
            do { self = .value(try decode()) } catch { self = .failure(JSONErrorText.describe(error)) }
        }
    }

    /// Checks one body; true when the one parse answered it.
    static func check<T: Decodable & Equatable>(_ type: T.Type, _ data: Data) -> Bool {
        let reference = Outcome { try JSONDecoder().decode(type, from: data) }
        #expect(Outcome { try TreeJSONDecoder.decode(type, from: data) } == reference)
        guard let fast = TreeJSONDecoder.decodeInOneParse(type, from: data) else { return false }
        #expect(reference == .value(fast), "\(String(decoding: data, as: UTF8.self))")
        return true
    }

    @Test func generatedBulkBodiesDecodeAsJSONDecoderDecodesThem() async {
        let answeredInOneParse = Counter()
        await propertyCheck(count: Fuzz.count, input: Self.body) { data in
            if Self.check(BulkEnrollmentOperation.self, data) { answeredInOneParse.add() }
        }
        // The one parse is really exercised: a good share of the bodies decode.
        #expect(answeredInOneParse.value >= Fuzz.count / 20)
    }

    @Test func damagedBulkBodiesDecodeAsJSONDecoderDecodesThem() async throws {
        let text =
            #"{"mode":"create","enrollments":[{"registrationId":"d\u00e9v-1","attestation":{"type":"tpm","#
            + #""tpm":{"endorsementKey":"AToAAQ=="}},"initialTwin":{"tags":{"a":[1,2.5,true,null]}},"#
            + #""capabilities":{"iotEdge":false},"iotHubs":["h1"],"x":{}}]}"#
        let seed = Array(text.utf8)
        #expect(Self.check(BulkEnrollmentOperation.self, Data(seed)))
        await propertyCheck(count: Fuzz.count, input: Fuzz.mutations(of: seed, edits: 3)) { bytes in
            _ = Self.check(BulkEnrollmentOperation.self, Data(bytes))
        }
    }

    @Test func generatedEnrollmentsDecodeAsJSONDecoderDecodesThem() async {
        await propertyCheck(count: Fuzz.count, input: Self.enrollment) { text in
            _ = Self.check(IndividualEnrollment.self, Data(text.utf8))
        }
    }
}
