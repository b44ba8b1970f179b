import AsyncHTTPClient
import DPSClient
import DPSEmulator
import DPSEngine
import DPSModel
import Foundation
import NIOCore
import Synchronization
import Testing

/// dpsbulk's client against the emulator's Microsoft Entra ID, over real loopback HTTPS.
@Suite struct EntraServiceTests {
    static func enrollment(_ id: String) -> IndividualEnrollment {
        IndividualEnrollment(registrationId: id, attestation: AttestationMechanism(type: .symmetricKey))
    }

    @Test func aContributorWritesAndReadsWithAClientSecret() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EntraHarness.withEmulator(in: directory) { endpoint, certificate in
            try await HTTPClientFactory.withClient(connections: 2, caCertificatePath: certificate) { http in
                let credential = EntraHarness.writer(endpoint)
                let target = try ServiceTarget(host: endpoint.baseURL.absoluteString, credential: credential)
                let client = DPSServiceClient(target: target, http: http)
                _ = try await client.put(Self.enrollment("entra-1"))
                #expect(try await client.enrollment("entra-1").registrationId == "entra-1")
                #expect(try await client.enrollmentAttestation("entra-1").symmetricKey?.primaryKey != nil)
            }
        }
    }

    @Test func aTokenTheServiceRefusesIsReplacedOnceAndTheRequestSentAgain() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EntraHarness.withEmulator(in: directory) { endpoint, certificate in
            try await HTTPClientFactory.withClient(connections: 2, caCertificatePath: certificate) { http in
                let credential = RevokedFirstCredential(EntraHarness.writer(endpoint))
                let target = try ServiceTarget(host: endpoint.baseURL.absoluteString, credential: credential)
                _ = try await DPSServiceClient(target: target, http: http).put(Self.enrollment("revoked-1"))
                #expect(credential.calls.withLock { $0 } == 2)
            }
        }
    }

    @Test func aReaderReadsButItsWriteIs403NamingTheRole() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EntraHarness.withEmulator(in: directory) { endpoint, certificate in
            try await HTTPClientFactory.withClient(connections: 2, caCertificatePath: certificate) { http in
                let reader = DPSServiceClient(
                    target: try ServiceTarget(
                        host: endpoint.baseURL.absoluteString,
                        credential: EntraHarness.credential(
                            endpoint,
                            client: "reader-app",
                            secret: EntraHarness.readerSecret
                        )
                    ),
                    http: http
                )
                _ = try await reader.queryEnrollments(pageSize: 10, continuation: nil)
                do {
                    _ = try await reader.put(Self.enrollment("entra-r"))
                    Issue.record("a reader's write was accepted")
                } catch let error as DPSRequestError {
                    #expect(error.status == 403)
                    #expect(error.description.contains("Device Provisioning Service Data Contributor"))
                    #expect(error.description.contains("Device Provisioning Service Data Reader"))
                }
            }
        }
    }

    @Test func aTokenForAnotherAudienceIsRefused() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EntraHarness.withEmulator(in: directory) { endpoint, certificate in
            try await HTTPClientFactory.withClient(connections: 2, caCertificatePath: certificate) { http in
                let credential = EntraHarness.writer(endpoint)
                let token = try await credential.token(scope: "https://management.azure.com/.default", http: http)
                let url = endpoint.baseURL.absoluteString + "/enrollments/x?api-version=2021-10-01"
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Authorization", value: "Bearer \(token.token)")
                let response = try await http.execute(request, timeout: .seconds(10))
                let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
                #expect(response.status.code == 401)
                #expect(body.contains("https://management.azure.com"), "\(body)")
                #expect(body.contains("https://azure-devices-provisioning.net"), "\(body)")
            }
        }
    }

    @Test(arguments: [
        ("writer-app", "wrong-secret", "AADSTS7000215"),
        ("expired-app", EntraHarness.writerSecret, "AADSTS7000222"),
        ("nobody", "x", "AADSTS700016"),
    ])
    func aRefusedCredentialIs401NamingWhy(client: String, secret: String, code: String) async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EntraHarness.withEmulator(in: directory) { endpoint, certificate in
            try await HTTPClientFactory.withClient(connections: 2, caCertificatePath: certificate) { http in
                let target = try ServiceTarget(
                    host: endpoint.baseURL.absoluteString,
                    credential: EntraHarness.credential(endpoint, client: client, secret: secret)
                )
                do {
                    _ = try await DPSServiceClient(target: target, http: http).enrollment("x")
                    Issue.record("a refused credential was accepted")
                } catch let error as DPSRequestError {
                    #expect(error.status == 401)
                    #expect(error.description.contains(code), "\(error)")
                    #expect(!error.description.contains(secret), "\(error)")
                }
            }
        }
    }

    @Test func anImportLongerThanATokenRefreshesItWithoutAFailedRecord() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 240, in: directory)
        let journal = directory.appendingPathComponent("entra.journal").path
        let counting = Mutex<CountingCredential?>(nil)
        // 20 s tokens and no skew: a token sent after its expiry would be refused and stop the run. A token is
        // refreshed halfway through its life, and the emulator (like Entra) rounds `exp` down to the second, so a
        // token is sent at least 9 s before it expires: the margin a loaded CI machine needs, where this test's
        // in-process emulator and client can wait seconds for a thread (2 s tokens failed there, and 6 s ones).
        let shortLived: (inout EntraConfiguration) -> Void = {
            $0.tokenLifetime = 20
            $0.clockSkew = 0
        }
        let end = try await EntraHarness.withEmulator(in: directory, configure: shortLived) { endpoint, certificate in
            let credential = CountingCredential(EntraHarness.writer(endpoint))
            counting.withLock { $0 = credential }
            var configuration = ImportConfiguration()
            configuration.concurrency = try Concurrency(1)
            configuration.pace = .perMinute(60)  // 24 bulk calls a second apart: the run outlives a token
            return try await ImportRun(
                configuration: configuration,
                manifestPath: manifest,
                journalPath: journal,
                target: try ServiceTarget(host: endpoint.baseURL.absoluteString, credential: credential),
                caCertificatePath: certificate,
                version: "test"
            ).run()
        }
        let summary = try end.outcome.get()
        #expect(summary.succeeded == 240 && summary.failed == 0 && summary.isComplete)
        let tokens = counting.withLock { $0?.count.withLock { $0 } } ?? 0
        #expect(tokens >= 2, "a 20 s token over a run of 23 s must be refreshed (\(tokens) fetched)")
        let journalBytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        #expect(journalBytes.range(of: Data(EntraHarness.writerSecret.utf8)) == nil)
    }
}
