import DPSEmulator
import DPSModel
import Foundation
import Testing

/// The emulator's own acceptance rules, over real loopback HTTP: what the service documents is enforced, what it
/// does not document is accepted.
@Suite struct EmulatorRuleTests {
    static let acceptedQueries = [
        "*", " * ", "SELECT * FROM enrollments", "select * from enrollments", "SELECT * FROM enrollmentGroups",
        "SELECT  *  FROM\tenrollmentgroups", "SeLeCt*FrOm ENROLLMENTS", "\nSELECT * FROM enrollments\n",
    ]
    static let refusedQueries = [
        "", "**", "SELECT *", "SELECT * FROM devices", "SELECT * FROM enrollments WHERE registrationId = 'a'",
        "SELECT registrationId FROM enrollments", "DELETE FROM enrollments",
    ]

    @Test(
        "the official samples' query strings are answered on both endpoints",
        arguments: acceptedQueries.flatMap { query in
            ["/enrollments/query", "/enrollmentGroups/query"].map { (query, $0) }
        }
    )
    func acceptedQuery(query: String, path: String) async throws {
        try await withEmulator { client, _ in
            let reply = try await client.send(.POST, path, json: QuerySpecification(query: query))
            #expect(reply.status == 200, "\(query) on \(path)")
            #expect(try reply.json() == .array([]))
        }
    }

    @Test("other queries are a 400 in the service's error shape", arguments: refusedQueries)
    func refusedQuery(query: String) async throws {
        try await withEmulator { client, _ in
            for path in ["/enrollments/query", "/enrollmentgroups/query"] {
                let reply = try await client.send(.POST, path, json: QuerySpecification(query: query))
                #expect(reply.status == 400, "\(query) on \(path)")
                #expect(reply.errorCode == "400000")
                let details = try reply.decode(ProvisioningServiceErrorDetails.self)
                #expect(details.errorCode == 400_000 && details.trackingId != nil && details.message != nil)
            }
        }
    }

    @Test func registrationQueryWithOrWithoutBody() async throws {
        try await withEmulator { client, _ in
            #expect(try await client.send(.PUT, "/enrollmentGroups/g", json: Samples.symmetricGroup("g")).status == 200)
            #expect(try await client.send(.POST, "/registrations/g/query").status == 200)
            let withBody = try await client.send(.POST, "/registrations/g/query", json: QuerySpecification(query: "*"))
            #expect(withBody.status == 200)
            #expect(try await client.send(.POST, "/enrollments/query").status == 200)
        }
    }

    @Test func unknownBulkModeIsA400ForTheWholeRequest() async throws {
        try await withEmulator { client, _ in
            let enrollments = BulkEnrollmentOperation(enrollments: [Samples.symmetric("m-1")], mode: "createOrUpdate")
            let reply = try await client.send(.POST, "/enrollments", json: enrollments)
            #expect(reply.status == 400 && reply.errorCode == "400000")
            let groups = BulkEnrollmentGroupOperation(enrollmentGroups: [Samples.symmetricGroup("g")], mode: "upsert")
            #expect(try await client.send(.POST, "/enrollmentGroups", json: groups).status == 400)
            #expect(try await client.send(.GET, "/enrollments/m-1").status == 404)
        }
    }

    @Test(
        "recording a registration refuses IDs that are not registration IDs",
        arguments: [
            String(repeating: "a", count: 129), "..%2F..%2Fz", "a%E2%80%AEb", "dev%20one", "dev.", "%C3%A9t%C3%A9",
        ]
    )
    func recordRegistrationRefusesBadIds(encodedId: String) async throws {
        try await withEmulator { client, _ in
            #expect(try await client.send(.PUT, "/enrollments/dev-1", json: Samples.symmetric("dev-1")).status == 200)
            let reply = try await client.send(.PUT, "/emulator/registrations/\(encodedId)")
            #expect(reply.status == 400, "\(encodedId)")
            #expect(try await client.send(.PUT, "/emulator/registrations/dev-1").status == 200)
        }
    }

    @Test func wellFormedButImplausibleEndorsementKeysAreAccepted() async throws {
        try await withEmulator { client, _ in
            var bytes = [UInt8](Data(base64Encoded: try Samples.text("tpm/device-01-ek.b64"))!)
            bytes[bytes.count - 1] &= 0xFE  // the modulus's last byte: now even
            let even = Data(bytes).base64EncodedString()
            let accepted = try await client.send(.PUT, "/enrollments/even", json: Samples.tpm("even", ek: even))
            #expect(accepted.status == 200)

            let truncated = Data(bytes.dropLast()).base64EncodedString()
            let refused = try await client.send(.PUT, "/enrollments/short", json: Samples.tpm("short", ek: truncated))
            #expect(refused.status == 400 && refused.errorCode == "400004")
            let urlSafe = even.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            if urlSafe != even {
                let reply = try await client.send(.PUT, "/enrollments/url", json: Samples.tpm("url", ek: urlSafe))
                #expect(reply.status == 400 && reply.errorCode == "400004")
            }
        }
    }

    @Test func bulkAnswersCanListSuccesses() async throws {
        try await withEmulator(changing { $0.bulkResultsListSuccesses = true }) { client, _ in
            let operation = BulkEnrollmentOperation(
                enrollments: [Samples.symmetric("s-1"), Samples.symmetric("s-2"), Samples.tpm("s-3", ek: "AAAA")],
                mode: .create
            )
            let result = try await client.send(.POST, "/enrollments", json: operation).decode(
                BulkEnrollmentOperationResult.self
            )
            #expect(!result.isSuccessful)
            #expect(result.errors?.map(\.registrationId) == ["s-3", "s-1", "s-2"])
            #expect(result.errors?.map(\.errorCode) == [400_004, 200, 200])
        }
    }
}
