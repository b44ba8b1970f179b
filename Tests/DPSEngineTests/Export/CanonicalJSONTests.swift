import DPSModel
import Foundation
import Testing

@testable import DPSEngine

/// The pass-through writer: compact, members sorted by name, strings and numbers as they came, malformed text
/// refused; and a query page split into lines that read back as the same items.
@Suite struct CanonicalJSONTests {
    static func canonical(_ text: String) throws -> String {
        let page = try PassThroughPage(json: Data("[\(text)]".utf8), isGroups: false)
        return String(decoding: page.lines[page.items[0].range], as: UTF8.self)
    }

    static let enrollment = """
        {
          "registrationId": "dev-1", "provisioningStatus": "enabled",
          "attestation": { "type": "tpm", "tpm": { "endorsementKey": "AToAAQAL", "storageRootKey": null } },
          "iotHubs": [ "b.azure-devices.net", "a.azure-devices.net" ],
          "initialTwin": { "tags": { "zone": "eu", "Zone": 2, "_id": -1.5e3, "a10": true, "a9": [] } },
          "capabilities": { "iotEdge": false }, "etag": "\\"abc\\"",
          "aFieldFromANewerServiceVersion": { "z": [1, {"y": 2, "x": 1}], "a": "caf\\u00e9 / é" }
        }
        """

    @Test func anItemIsWrittenCompactWithEveryObjectsMembersSortedByName() throws {
        #expect(
            try Self.canonical(Self.enrollment)
                == #"{"aFieldFromANewerServiceVersion":{"a":"caf\u00e9 / é","z":[1,{"x":1,"y":2}]},"#
                + #""attestation":{"tpm":{"endorsementKey":"AToAAQAL","storageRootKey":null},"type":"tpm"},"#
                + #""capabilities":{"iotEdge":false},"etag":"\"abc\"","#
                + #""initialTwin":{"tags":{"Zone":2,"_id":-1.5e3,"a10":true,"a9":[],"zone":"eu"}},"#
                + #""iotHubs":["b.azure-devices.net","a.azure-devices.net"],"provisioningStatus":"enabled","#
                + #""registrationId":"dev-1"}"#
        )
    }

    @Test func theLineIsWhatTheModelsSortedRoundTripWritesForTheSameItem() throws {
        let item = """
            {"registrationId":"sym-1","deviceId":"d/1","provisioningStatus":"disabled","etag":"\\"x\\"",
             "attestation":{"type":"symmetricKey","symmetricKey":{"primaryKey":"cA==","secondaryKey":"cQ=="}},
             "reprovisionPolicy":{"updateHubAssignment":true,"migrateDeviceData":false},
             "allocationPolicy":"hashed","iotHubs":["h1","h2"],
             "createdDateTimeUtc":"2026-01-02T03:04:05.678Z","unknownMember":{"b":[true,null],"a":7}}
            """
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let viaModel = try encoder.encode(JSONDecoder().decode(IndividualEnrollment.self, from: Data(item.utf8)))
        #expect(try Self.canonical(item) == String(decoding: viaModel, as: UTF8.self))
    }

    /// A valid item whose member `x` has the value `value`.
    static func item(x value: String) -> Data {
        Data(#"[{"registrationId":"a","attestation":{"type":"tpm"},"x":\#(value)}]"#.utf8)
    }

    @Test(arguments: [
        "", "{", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "tru", "01", "1.", "-", "1e", "\"\\x\"", "\"\\u12G4\"",
        "\"\u{1}\"", "\"open", "{a:1}", "1}", "[1 2]", "nul",
    ])
    func malformedTextIsRefused(value: String) {
        #expect(throws: CanonicalJSON.Malformed.self) {
            _ = try PassThroughPage(json: Self.item(x: value), isGroups: false)
        }
    }

    @Test(arguments: ["0", "-0.5E+2", "\"\\u12aF\\n\\/\"", "[]", "{}", "[null,true,false]", " { \"b\" : [ ] } "])
    func validValuesPassThrough(value: String) throws {
        let page = try PassThroughPage(json: Self.item(x: value), isGroups: false)
        let line = try JSONParser.parse(String(decoding: page.lines[page.items[0].range], as: UTF8.self))
        let expected = try JSONParser.parse(value)
        #expect(line.objectValue?["x"] == expected)
    }

    @Test func nestingBeyondTheLimitIsRefusedNotATrap() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: CanonicalJSON.Malformed.self) {
            _ = try PassThroughPage(json: Data("[\(deep)]".utf8), isGroups: false)
        }
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        var json = Data(#"[{"registrationId":"a","attestation":{"type":"tpm"},"x":""#.utf8)
        json.append(contentsOf: [0xC3, 0x28])
        json.append(contentsOf: Array(#""}]"#.utf8))
        #expect(throws: CanonicalJSON.Malformed.self) { _ = try PassThroughPage(json: json, isGroups: false) }
    }

    @Test func aPageSplitsIntoOneLinePerItemWithItsAttestationType() throws {
        let json = """
             [ {"registrationId":"a","attestation":{"type":"tpm"}} ,
              {"attestation":{"symmetricKey":{},"type":"symmetricKey"},"registrationId":"b"}]\r\n
            """
        let page = try PassThroughPage(json: Data(json.utf8), isGroups: false)
        #expect(page.items.map(\.attestationType) == ["tpm", "symmetricKey"])
        #expect(
            String(decoding: page.lines, as: UTF8.self)
                == #"{"attestation":{"type":"tpm"},"registrationId":"a"}"# + "\n"
                + #"{"attestation":{"symmetricKey":{},"type":"symmetricKey"},"registrationId":"b"}"# + "\n"
        )
        #expect(try PassThroughPage(json: Data(" [ ] ".utf8), isGroups: true).items.isEmpty)
    }

    @Test(arguments: [
        #"{"attestation":{"type":"tpm"}}"#,
        #"{"registrationId":"a"}"#,
        #"{"registrationId":"a","attestation":{"tpm":{}}}"#,
        #"{"registrationId":7,"attestation":{"type":"tpm"}}"#,
        #""not an object""#,
    ])
    func anItemWithoutItsIdentifierOrAttestationTypeIsRefused(item: String) {
        #expect(throws: CanonicalJSON.Malformed.self) {
            _ = try PassThroughPage(json: Data("[\(item)]".utf8), isGroups: false)
        }
    }

    @Test func aGroupIsIdentifiedByItsGroupID() throws {
        let group = #"{"enrollmentGroupId":"g","attestation":{"type":"x509"}}"#
        #expect(try PassThroughPage(json: Data("[\(group)]".utf8), isGroups: true).items.count == 1)
        #expect(throws: CanonicalJSON.Malformed.self) {
            _ = try PassThroughPage(json: Data("[\(group)]".utf8), isGroups: false)
        }
    }
}
