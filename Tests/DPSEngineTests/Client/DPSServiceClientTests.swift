import AsyncHTTPClient
import DPSClient
import DPSEmulator
import DPSModel
import Foundation
import Testing

/// The service client against a real emulator over loopback HTTP.
@Suite struct DPSServiceClientTests {
    static func withClient(
        _ configure: (inout EmulatorConfiguration) -> Void = { _ in },
        key: String? = nil,
        _ body: @escaping @Sendable (DPSServiceClient, Registry) async throws -> Void
    ) async throws {
        var configuration = EmulatorConfiguration()
        configure(&configuration)
        let http = try HTTPClientFactory.make(connections: 4)
        do {
            _ = try await EmulatorServer.withRunning(configuration) { endpoint, registry in
                var connection = try ConnectionString(parsing: endpoint.connectionString)
                if let key { connection.key = key }
                try await body(DPSServiceClient(connectionString: connection, http: http), registry)
                return true
            }
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    static func symmetric(_ id: String) -> IndividualEnrollment {
        IndividualEnrollment(
            registrationId: id,
            attestation: AttestationMechanism(type: .symmetricKey, symmetricKey: SymmetricKeyAttestation())
        )
    }

    @Test func bulkQueryAndSingleOperations() async throws {
        try await Self.withClient { client, _ in
            let result = try await client.bulk(
                BulkEnrollmentOperation(enrollments: (1...10).map { Self.symmetric("c-\($0)") }, mode: .create)
            )
            #expect(result.isSuccessful)
            let again = try await client.bulk(
                BulkEnrollmentOperation(enrollments: [Self.symmetric("c-1")], mode: .create)
            )
            #expect(again.errors?.first?.errorCode == 409_201)

            var ids: [String] = []
            var continuation: String?
            repeat {
                let page = try await client.queryEnrollments(pageSize: 4, continuation: continuation)
                ids += page.body.map(\.registrationId)
                continuation = page.continuation
            } while continuation != nil
            #expect(ids == (1...10).map { "c-\($0)" })

            let fetched = try await client.enrollment("c-3")
            #expect(fetched.etag != nil)
            let keys = try await client.enrollmentAttestation("c-3")
            #expect(keys.symmetricKey?.primaryKey != nil)
            var changed = fetched
            changed.provisioningStatus = .disabled
            let replaced = try await client.put(changed, ifMatch: fetched.etag)
            #expect(replaced.provisioningStatus == .disabled)
            try await client.deleteEnrollment("c-3")
            do throws(DPSRequestError) {
                _ = try await client.enrollment("c-3")
                Issue.record("expected 404")
            } catch {
                #expect(error.status == 404)
                if case .service(_, let code, let message, _) = error.kind {
                    #expect(code == 404_201)
                    #expect(message.contains("not found"))
                }
            }
        }
    }

    @Test func groupsAndIdsThatNeedEscaping() async throws {
        try await Self.withClient { client, _ in
            let group = EnrollmentGroup(
                enrollmentGroupId: "line:7.group",
                attestation: AttestationMechanism(type: .symmetricKey, symmetricKey: SymmetricKeyAttestation())
            )
            _ = try await client.put(group)
            #expect(try await client.group("line:7.group").enrollmentGroupId == "line:7.group")
            #expect(try await client.queryGroups(pageSize: 10, continuation: nil).body.count == 1)
            #expect(try await client.groupAttestation("line:7.group").symmetricKey?.secondaryKey != nil)
            try await client.deleteGroup("line:7.group")
        }
    }

    @Test func failuresAreTyped() async throws {
        try await Self.withClient(key: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") { client, _ in
            do throws(DPSRequestError) {
                _ = try await client.enrollment("x")
                Issue.record("expected 401")
            } catch {
                #expect(error.status == 401)
                #expect(!error.description.contains("AAAAAAAAAAAAAAAA"))
            }
        }
        try await Self.withClient(changing { $0.operationsPerMinute = 1 }) { client, _ in
            _ = try? await client.enrollment("x")
            do throws(DPSRequestError) {
                _ = try await client.enrollment("x")
                Issue.record("expected 429")
            } catch {
                guard case .service(429, _, _, let retryAfter) = error.kind else {
                    Issue.record("expected 429, got \(error)")
                    return
                }
                #expect(retryAfter.flatMap(Int.init) != nil)
            }
        }
        let http = try HTTPClientFactory.make(connections: 1)
        let nowhere = try ConnectionString(
            parsing:
                "HostName=http://127.0.0.1:1;SharedAccessKeyName=o;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        )
        do throws(DPSRequestError) {
            _ = try await DPSServiceClient(connectionString: nowhere, http: http).enrollment("x")
            Issue.record("expected a transport error")
        } catch {
            if case .transport = error.kind {} else { Issue.record("expected transport, got \(error)") }
        }
        try await http.shutdown()
    }
}
