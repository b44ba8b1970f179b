import Foundation
import Testing

@testable import DPSModel

/// Every JSON example of the 2021-10-01 spec decodes into the model and re-encodes to an equivalent document.
struct ExampleRoundTripTests {
    static let exampleNames: [String] = {
        let folder = Bundle.module.url(forResource: "Examples", withExtension: nil)!
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test func allThirtyExamplesArePresent() {
        #expect(Self.exampleNames.count == 30)
    }

    @Test(arguments: exampleNames)
    func exampleRoundTrips(name: String) throws {
        let url = Bundle.module.url(forResource: "Examples", withExtension: nil)!.appendingPathComponent(name)
        let example = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        let operation =
            String(name.prefix { $0 != "_" }) + "_"
            + name.dropFirst(name.prefix { $0 != "_" }.count + 1).prefix { $0 != "_" }
        var checked = 0
        for (document, type) in Self.documents(in: example, operation: operation) {
            let decoded = try Self.roundTrip(document, as: type)
            #expect(Self.normalized(decoded) == Self.normalized(document), "\(name): \(type) changed in round trip")
            checked += 1
        }
        let hasBodies = !(Self.documents(in: example, operation: operation).isEmpty)
        #expect(checked > 0 || !hasBodies)
    }

    @Test func unknownFieldsSurviveAtEveryLevel() throws {
        let text = """
            {"registrationId":"dev-1","futureTopLevel":{"a":[1,2.5,"x",null,true]},
             "attestation":{"type":"tpm","tpm":{"endorsementKey":"AAAA","newTpmField":7},"futureKind":{}},
             "capabilities":{"iotEdge":false,"iotEdgeVersion":"2"},"allocationPolicy":"someNewPolicy",
             "initialTwin":{"tags":{"line":"3","nested":{"deep":[1]}},"properties":{"desired":{"t":30},"reported":{}}},
             "createdDateTimeUtc":"2021-10-01T17:42:04.123456789Z"}
            """
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let enrollment = try JSONDecoder().decode(IndividualEnrollment.self, from: Data(text.utf8))
        #expect(enrollment.unknownFields["futureTopLevel"] != nil)
        #expect(enrollment.attestation.tpm?.unknownFields["newTpmField"] == .integer(7))
        #expect(enrollment.allocationPolicy?.isKnown == false)
        #expect(enrollment.initialTwin?.tags?.properties["line"] == .string("3"))
        let reencoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(enrollment))
        #expect(reencoded == value)
    }

    @Test func integersStayIntegers() throws {
        let text = #"{"big":9007199254740993,"small":-1,"float":1.5}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value.objectValue?["big"] == .integer(9_007_199_254_740_993))
        #expect(value.objectValue?["float"] == .number(1.5))
    }

    // MARK: - Helpers

    /// The request and response bodies of an example, each with the model type it holds.
    static func documents(in example: JSONValue, operation: String) -> [(JSONValue, String)] {
        guard let object = example.objectValue else { return [] }
        var found: [(JSONValue, String)] = []
        let parameters = object["parameters"]?.objectValue ?? [:]
        let responseBody = object["responses"]?.objectValue?["200"]?.objectValue?["body"]
        switch operation {
        case "IndividualEnrollment_CreateOrUpdate":
            found.append((parameters["enrollment"]!, "IndividualEnrollment"))
            found.append((responseBody!, "IndividualEnrollment"))
        case "IndividualEnrollment_Get":
            found.append((responseBody!, "IndividualEnrollment"))
        case "IndividualEnrollment_Query":
            found.append((parameters["querySpecification"]!, "QuerySpecification"))
            found.append((responseBody!, "[IndividualEnrollment]"))
        case "IndividualEnrollment_RunBulkOperation":
            found.append((parameters["bulkOperation"]!, "BulkEnrollmentOperation"))
            found.append((responseBody!, "BulkEnrollmentOperationResult"))
        case "EnrollmentGroup_CreateOrUpdate":
            found.append((parameters["enrollmentGroup"]!, "EnrollmentGroup"))
            found.append((responseBody!, "EnrollmentGroup"))
        case "EnrollmentGroup_Get":
            found.append((responseBody!, "EnrollmentGroup"))
        case "EnrollmentGroup_Query":
            found.append((parameters["querySpecification"]!, "QuerySpecification"))
            found.append((responseBody!, "[EnrollmentGroup]"))
        case "EnrollmentGroup_RunBulkOperation":
            found.append((parameters["bulkOperation"]!, "BulkEnrollmentGroupOperation"))
            found.append((responseBody!, "BulkEnrollmentGroupOperationResult"))
        case "IndividualEnrollment_GetAttestationMechanism", "EnrollmentGroup_GetAttestationMechanism":
            found.append((responseBody!, "AttestationMechanism"))
        case "DeviceRegistrationState_Get":
            found.append((responseBody!, "DeviceRegistrationState"))
        case "DeviceRegistrationState_Query":
            found.append((responseBody!, "[DeviceRegistrationState]"))
        default:
            break  // deletes: no bodies
        }
        return found
    }

    static func roundTrip(_ document: JSONValue, as type: String) throws -> JSONValue {
        let data = try JSONEncoder().encode(document)
        func cycle<T: Codable>(_: T.Type) throws -> JSONValue {
            let model = try JSONDecoder().decode(T.self, from: data)
            return try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(model))
        }
        switch type {
        case "IndividualEnrollment": return try cycle(IndividualEnrollment.self)
        case "[IndividualEnrollment]": return try cycle([IndividualEnrollment].self)
        case "EnrollmentGroup": return try cycle(EnrollmentGroup.self)
        case "[EnrollmentGroup]": return try cycle([EnrollmentGroup].self)
        case "QuerySpecification": return try cycle(QuerySpecification.self)
        case "BulkEnrollmentOperation": return try cycle(BulkEnrollmentOperation.self)
        case "BulkEnrollmentOperationResult": return try cycle(BulkEnrollmentOperationResult.self)
        case "BulkEnrollmentGroupOperation": return try cycle(BulkEnrollmentGroupOperation.self)
        case "BulkEnrollmentGroupOperationResult": return try cycle(BulkEnrollmentGroupOperationResult.self)
        case "AttestationMechanism": return try cycle(AttestationMechanism.self)
        case "DeviceRegistrationState": return try cycle(DeviceRegistrationState.self)
        case "[DeviceRegistrationState]": return try cycle([DeviceRegistrationState].self)
        default: throw CocoaError(.coderInvalidValue)
        }
    }

    /// Drops null members: an absent optional and an explicit null are the same document.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(object.filter { $0.value != .null }.mapValues(normalized))
        case .array(let array):
            return .array(array.map(normalized))
        default:
            return value
        }
    }
}
