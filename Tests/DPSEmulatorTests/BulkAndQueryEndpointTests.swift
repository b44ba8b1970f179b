import DPSEmulator
import DPSModel
import Foundation
import Testing

/// Bulk operations, query paging, groups and registration states over real loopback HTTP.
@Suite struct BulkAndQueryEndpointTests {
    @Test func bulkLimitsAndDuplicates() async throws {
        try await withEmulator { client, _ in
            let eleven = BulkEnrollmentOperation(
                enrollments: (1...11).map { Samples.symmetric("b-\($0)") },
                mode: .create
            )
            let tooMany = try await client.send(.POST, "/enrollments", json: eleven)
            #expect(tooMany.status == 400)
            let duplicate = BulkEnrollmentOperation(
                enrollments: [Samples.symmetric("d-1"), Samples.symmetric("D-1")],
                mode: .create
            )
            #expect(try await client.send(.POST, "/enrollments", json: duplicate).status == 400)
            #expect(try await client.send(.GET, "/enrollments/d-1").status == 404)
            let empty = BulkEnrollmentOperation(enrollments: [], mode: .create)
            #expect(try await client.send(.POST, "/enrollments", json: empty).status == 400)
        }
    }

    @Test func bulkIsNotAtomicAndReportsEachItem() async throws {
        try await withEmulator { client, _ in
            let ten = BulkEnrollmentOperation(enrollments: (1...10).map { Samples.symmetric("b-\($0)") }, mode: .create)
            let created = try await client.send(.POST, "/enrollments", json: ten).decode(
                BulkEnrollmentOperationResult.self
            )
            #expect(created.isSuccessful && created.errors == [])

            let mixed = BulkEnrollmentOperation(
                enrollments: [Samples.symmetric("b-1"), Samples.symmetric("new-1"), Samples.tpm("tpm-x", ek: "AAAA")],
                mode: .create
            )
            let result = try await client.send(.POST, "/enrollments", json: mixed).decode(
                BulkEnrollmentOperationResult.self
            )
            #expect(!result.isSuccessful)
            #expect(result.errors?.map(\.registrationId) == ["b-1", "tpm-x"])
            #expect(result.errors?.map(\.errorCode) == [409_201, 400_004])
            #expect(try await client.send(.GET, "/enrollments/new-1").status == 200)

            let update = BulkEnrollmentOperation(
                enrollments: [Samples.symmetric("b-2"), Samples.symmetric("missing")],
                mode: .update
            )
            let updated = try await client.send(.POST, "/enrollments", json: update).decode(
                BulkEnrollmentOperationResult.self
            )
            #expect(updated.errors?.map(\.errorCode) == [404_201])

            var stale = Samples.symmetric("b-3")
            stale.etag = "stale"
            var current = Samples.symmetric("b-4")
            current.etag = try await client.send(.GET, "/enrollments/b-4").decode(IndividualEnrollment.self).etag
            let conditional = BulkEnrollmentOperation(enrollments: [stale, current], mode: .updateIfMatchETag)
            let conditionalResult = try await client.send(.POST, "/enrollments", json: conditional)
                .decode(BulkEnrollmentOperationResult.self)
            #expect(conditionalResult.errors?.map(\.registrationId) == ["b-3"])
            #expect(conditionalResult.errors?.map(\.errorCode) == [412_002])

            let delete = BulkEnrollmentOperation(
                enrollments: [Samples.symmetric("b-5"), Samples.symmetric("nope")],
                mode: .delete
            )
            let deleted = try await client.send(.POST, "/enrollments", json: delete).decode(
                BulkEnrollmentOperationResult.self
            )
            #expect(deleted.errors?.map(\.errorCode) == [404_201])
            #expect(try await client.send(.GET, "/enrollments/b-5").status == 404)
        }
    }

    @Test func queryPagesToTheEnd() async throws {
        try await withEmulator { client, _ in
            for batch in 0..<3 {
                let items = (0..<10).map { Samples.symmetric("q-\(batch * 10 + $0)") }.prefix(batch == 2 ? 5 : 10)
                _ = try await client.send(
                    .POST,
                    "/enrollments",
                    json: BulkEnrollmentOperation(enrollments: Array(items), mode: .create)
                )
            }
            var seen: [String] = []
            var continuation: String?
            var pages = 0
            repeat {
                var headers = [("x-ms-max-item-count", "10")]
                if let continuation { headers.append(("x-ms-continuation", continuation)) }
                let page = try await client.send(
                    .POST,
                    "/enrollments/query",
                    json: QuerySpecification(query: "SELECT * FROM enrollments"),
                    headers: headers
                )
                #expect(page.status == 200)
                #expect(page.headers.first(name: "x-ms-item-type") == "Enrollment")
                seen += try page.decode([IndividualEnrollment].self).map(\.registrationId)
                continuation = page.headers.first(name: "x-ms-continuation")
                pages += 1
                if pages == 1 {
                    // A write between pages does not disturb the walk.
                    #expect(try await client.send(.DELETE, "/enrollments/q-3").status == 204)
                }
            } while continuation != nil && pages < 10
            #expect(pages == 3)
            #expect(seen.count == 25)
            #expect(Set(seen).count == 25)
            let bad = try await client.send(
                .POST,
                "/enrollments/query",
                json: QuerySpecification(query: "SELECT *"),
                headers: [("x-ms-continuation", "garbage")]
            )
            #expect(bad.status == 400)
        }
    }

    @Test func groupsRejectTPMAndQuery() async throws {
        try await withEmulator { client, _ in
            var tpmGroup = Samples.symmetricGroup("tpm-group")
            tpmGroup.attestation = AttestationMechanism(type: .tpm, tpm: TpmAttestation(endorsementKey: "AAAA"))
            #expect(try await client.send(.PUT, "/enrollmentGroups/tpm-group", json: tpmGroup).status == 400)

            let ca = try Samples.text("x509/intermediate-ca.pem")
            let x509Group = EnrollmentGroup(
                enrollmentGroupId: "line7",
                attestation: AttestationMechanism(
                    type: .x509,
                    x509: X509Attestation(
                        signingCertificates: X509Certificates(primary: X509CertificateWithInfo(certificate: ca))
                    )
                )
            )
            #expect(try await client.send(.PUT, "/enrollmentGroups/line7", json: x509Group).status == 200)
            #expect(
                try await client.send(.PUT, "/enrollmentgroups/sym", json: Samples.symmetricGroup("sym")).status == 200
            )
            let page = try await client.send(
                .POST,
                "/enrollmentGroups/query",
                json: QuerySpecification(query: "SELECT * FROM enrollmentGroups")
            )
            #expect(page.headers.first(name: "x-ms-item-type") == "EnrollmentGroup")
            #expect(try page.decode([EnrollmentGroup].self).map(\.enrollmentGroupId) == ["line7", "sym"])
            let keys = try await client.send(.POST, "/enrollmentGroups/sym/attestationmechanism").decode(
                AttestationMechanism.self
            )
            #expect(keys.symmetricKey?.primaryKey != nil)
            let bulk = BulkEnrollmentGroupOperation(
                enrollmentGroups: [Samples.symmetricGroup("sym"), Samples.symmetricGroup("g2")],
                mode: .create
            )
            let result = try await client.send(.POST, "/enrollmentGroups", json: bulk).decode(
                BulkEnrollmentGroupOperationResult.self
            )
            #expect(result.errors?.map(\.enrollmentGroupId) == ["sym"])
            #expect(try await client.send(.DELETE, "/enrollmentGroups/g2").status == 204)
        }
    }

    @Test func groupLimitPerKind() async throws {
        try await withEmulator(changing { $0.limits.maximumGroupsPerKind = 2 }) { client, _ in
            for id in ["a", "b"] {
                let created = try await client.send(.PUT, "/enrollmentGroups/\(id)", json: Samples.symmetricGroup(id))
                #expect(created.status == 200)
            }
            #expect(try await client.send(.PUT, "/enrollmentGroups/c", json: Samples.symmetricGroup("c")).status == 400)
        }
    }

    @Test func registrationStates() async throws {
        try await withEmulator { client, _ in
            _ = try await client.send(.PUT, "/enrollmentGroups/g", json: Samples.symmetricGroup("g"))
            _ = try await client.send(.PUT, "/enrollmentGroups/other", json: Samples.symmetricGroup("other"))
            _ = try await client.send(.PUT, "/enrollments/solo", json: Samples.symmetric("solo"))
            // Registrations of another group interleave with the ones queried: paging must still return each once.
            for id in ["dev-a", "x-1", "dev-b", "x-2", "x-3", "dev-c", "x-4"] {
                let group = id.hasPrefix("x-") ? "other" : "g"
                let reply = try await client.send(
                    .PUT,
                    "/emulator/registrations/\(id)?enrollmentGroupId=\(group)&assignedHub=hub.azure-devices.net"
                )
                #expect(reply.status == 200)
            }
            #expect(try await client.send(.PUT, "/emulator/registrations/solo").status == 200)
            #expect(try await client.send(.PUT, "/emulator/registrations/orphan").status == 404)
            let state = try await client.send(.GET, "/registrations/dev-b").decode(DeviceRegistrationState.self)
            #expect(state.assignedHub == "hub.azure-devices.net" && state.status == .assigned)
            var seen: [String] = []
            var continuation: String?
            repeat {
                var headers = [("x-ms-max-item-count", "2")]
                if let continuation { headers.append(("x-ms-continuation", continuation)) }
                let page = try await client.send(.POST, "/registrations/g/query", headers: headers)
                #expect(page.headers.first(name: "x-ms-item-type") == "DeviceRegistration")
                let items = try page.decode([DeviceRegistrationState].self).compactMap(\.registrationId)
                #expect(items.count <= 2)
                seen += items
                continuation = page.headers.first(name: "x-ms-continuation")
            } while continuation != nil && seen.count < 10
            #expect(seen == ["dev-a", "dev-b", "dev-c"])
            #expect(
                try await client.send(.DELETE, "/registrations/dev-a", headers: [("If-Match", "nope")]).status == 412
            )
            #expect(try await client.send(.DELETE, "/registrations/dev-a").status == 204)
            #expect(try await client.send(.GET, "/registrations/dev-a").status == 404)
            #expect(try await client.send(.POST, "/registrations/no-such-group/query").status == 404)
        }
    }
}
