import DPSClient
import DPSEmulator
import DPSEngine
import DPSModel
import Foundation
import Testing

/// Items passed through as bytes make the same file as the model's round trip did: every line is, byte for byte,
/// what decoding it and encoding it with sorted keys writes, and members the model does not know are kept.
@Suite struct ExportPassThroughTests {
    @Test(arguments: [false, true])
    func everyLineIsTheModelsSortedEncodingOfItsItem(includeKeys: Bool) async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let file = directory.appendingPathComponent("backup.jsonl").path
        try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, _ in
            try await ImportHarness.loadSamples(endpoint, in: directory)
            let exported = try await ExportEngineTests.export(endpoint, to: file) {
                $0.includeGroups = true
                $0.includeKeys = includeKeys
                $0.pageSize = 3
            }
            #expect(exported.enrollments == 15 && exported.groups == 2)
            #expect(exported.byAttestation.values.reduce(0, +) == 17)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 17)
        var sawUnknownMember = false
        for line in lines {
            let data = Data(line.utf8)
            let object = try #require(try JSONParser.parse(String(line)).objectValue)
            let reencoded =
                object["enrollmentGroupId"] != nil
                ? try encoder.encode(JSONDecoder().decode(EnrollmentGroup.self, from: data))
                : try encoder.encode(JSONDecoder().decode(IndividualEnrollment.self, from: data))
            #expect(String(decoding: reencoded, as: UTF8.self) == String(line))
            if object["aFieldFromANewerServiceVersion"] != nil { sawUnknownMember = true }
            let keys = object["attestation"]?.objectValue?["symmetricKey"]?.objectValue?["primaryKey"]
            if object["attestation"]?.objectValue?["type"] == .string("symmetricKey") {
                #expect((keys != nil) == includeKeys, "\(line)")
            }
        }
        #expect(sawUnknownMember)
    }
}
