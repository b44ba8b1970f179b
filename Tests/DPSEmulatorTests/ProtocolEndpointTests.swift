import AsyncHTTPClient
import DPSEmulator
import DPSModel
import Foundation
import Testing

/// Authentication, API versions, routing errors, quota, faults and persistence over real loopback HTTP.
@Suite struct ProtocolEndpointTests {
    @Test func authenticationFailuresAre401() async throws {
        try await withEmulator { client, _ in
            #expect(try await client.send(.GET, "/enrollments/x", authorization: .some(nil)).status == 401)
            #expect(try await client.send(.GET, "/enrollments/x", authorization: "Bearer abc").status == 401)
            var wrongKey = client
            wrongKey.key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
            let unauthorized = try await wrongKey.send(.GET, "/enrollments/x")
            #expect(unauthorized.status == 401)
            #expect(unauthorized.errorCode == "401002")
            var expired = client
            expired.expiry = Date().addingTimeInterval(-5)
            #expect(try await expired.send(.GET, "/enrollments/x").status == 401)
            var wrongPolicy = client
            wrongPolicy.keyName = "registryRead"
            #expect(try await wrongPolicy.send(.GET, "/enrollments/x").status == 401)
            // The Node SDK's millisecond expiry is accepted.
            let expiryField = String(Int(Date().addingTimeInterval(600).timeIntervalSince1970 * 1000))
            let signature = try #require(
                SharedAccessSignature.sign(encodedResource: "127.0.0.1", expiryField: expiryField, key: client.key)
            )
            let token = SharedAccessSignature(
                encodedResource: "127.0.0.1",
                signature: signature,
                expiryField: expiryField,
                keyName: client.keyName
            )
            #expect(
                try await client.send(.GET, "/enrollments/x", authorization: .some(token.headerValue)).status == 404
            )
        }
    }

    @Test func apiVersionsAndRoutes() async throws {
        try await withEmulator { client, _ in
            var old = client
            old.apiVersion = "2019-03-31"
            #expect(try await old.send(.GET, "/enrollments/x").status == 404)
            var missing = client
            missing.apiVersion = nil
            #expect(try await missing.send(.GET, "/enrollments/x").status == 400)
            var unknown = client
            unknown.apiVersion = "1999-01-01"
            #expect(try await unknown.send(.GET, "/enrollments/x").status == 400)
            #expect(try await client.send(.GET, "/nothing/here").status == 404)
            let wrongMethod = try await client.send(.PATCH, "/enrollments/x")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.errorCode == "405000")
            let xml = try await client.send(
                .PUT,
                "/enrollments/x",
                headers: [("Content-Type", "application/xml")],
                rawBody: Data("<e/>".utf8)
            )
            #expect(xml.status == 415)
            #expect(xml.errorCode == "415000")
        }
    }

    @Test func enrollmentLimit() async throws {
        try await withEmulator(changing { $0.limits.maximumEnrollments = 3 }) { client, _ in
            let bulk = BulkEnrollmentOperation(enrollments: (1...4).map { Samples.symmetric("l-\($0)") }, mode: .create)
            let result = try await client.send(.POST, "/enrollments", json: bulk).decode(
                BulkEnrollmentOperationResult.self
            )
            #expect(result.errors?.map(\.registrationId) == ["l-4"])
            #expect(try await client.send(.PUT, "/enrollments/l-5", json: Samples.symmetric("l-5")).status == 400)
            #expect(
                try await client.send(
                    .PUT,
                    "/enrollments/l-1",
                    json: Samples.symmetric("l-1"),
                    headers: [("If-Match", "*")]
                ).status == 200
            )
        }
    }

    @Test func quotaThrottlesWithRetryAfter() async throws {
        // 3 a minute: a burst of 3, then one operation every 20 s. A starved test may see a refill between two
        // requests, so it counts the answers before the first 429 instead of expecting it at the fourth.
        try await withEmulator(changing { $0.operationsPerMinute = 3 }) { client, _ in
            var answered = 0
            var throttled = try await client.send(.GET, "/enrollments/x")
            while throttled.status == 404 && answered < 50 {
                answered += 1
                throttled = try await client.send(.GET, "/enrollments/x")
            }
            #expect(answered >= 3)
            #expect(throttled.status == 429)
            #expect(throttled.errorCode == "429001")
            let retryAfter = try #require(throttled.headers.first(name: "Retry-After").flatMap(Int.init))
            #expect((1...20).contains(retryAfter))
        }
    }

    @Test func appliedButLostWritesAreAppliedAndTheConnectionDrops() async throws {
        try await withEmulator(
            changing {
                $0.faultRate = 1
                $0.seed = 7
            }
        ) { client, registry in
            var applied = 0
            var dropped = 0
            for index in 0..<40 {
                let id = "fault-\(index)"
                do {
                    let reply = try await client.send(.PUT, "/enrollments/\(id)", json: Samples.symmetric(id))
                    #expect([500, 503, 200].contains(reply.status))
                    // A 200 always means the write was applied: a dropped connection never sends a status line.
                    if reply.status == 200 { #expect((try? await registry.enrollment(id)) != nil) }
                } catch {
                    dropped += 1
                }
                if (try? await registry.enrollment(id)) != nil { applied += 1 }
            }
            #expect(dropped > 0, "some responses should have been lost")
            #expect(applied > 0, "some writes should have been applied")
            #expect(applied < 40, "500 and 503 faults must not apply the write")
        }
    }

    @Test func dataDirectoryKeepsStateAcrossRestarts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID().uuidString)")
        let policy = SharedAccessPolicy.random(name: "owner")
        let configure: (inout EmulatorConfiguration) -> Void = {
            $0.dataDirectory = directory
            $0.policy = policy
        }
        let etag = try await withEmulator(configure) { client, _ in
            _ = try await client.send(.PUT, "/enrollmentGroups/g-1", json: Samples.symmetricGroup("g-1"))
            let bulk = BulkEnrollmentOperation(
                enrollments: (1...3).map { Samples.symmetric("p-\($0)") },
                mode: .create
            )
            #expect(try await client.send(.POST, "/enrollments", json: bulk).status == 200)
            #expect(try await client.send(.DELETE, "/enrollments/p-2").status == 204)
            return try await client.send(.GET, "/enrollments/p-3").decode(IndividualEnrollment.self).etag
        }
        try await withEmulator(configure) { client, _ in
            let restored = try await client.send(.GET, "/enrollments/p-3").decode(IndividualEnrollment.self)
            #expect(restored.etag == etag)
            #expect(try await client.send(.GET, "/enrollments/p-2").status == 404)
            #expect(try await client.send(.GET, "/enrollmentgroups/g-1").status == 200)
            let page = try await client.send(
                .POST,
                "/enrollments/query",
                json: QuerySpecification(query: "SELECT * FROM enrollments")
            )
            #expect(try page.decode([IndividualEnrollment].self).map(\.registrationId) == ["p-1", "p-3"])
            // Keys survive too: the attestation mechanism is the stored one.
            let keys = try await client.send(.POST, "/enrollments/p-1/attestationmechanism").decode(
                AttestationMechanism.self
            )
            #expect(keys.symmetricKey?.primaryKey != nil)
        }
    }
}
