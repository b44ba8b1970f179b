import DPSEmulator
import Foundation
import Testing

@testable import DPSClient

/// Managed identity tokens from the emulator's instance metadata and App Service endpoints, used on its API.
@Suite struct ManagedIdentityCredentialTests {
    static func withIdentity(
        _ body: @Sendable (EmulatorEndpoint, String) async throws -> Void
    ) async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EntraHarness.withEmulator(
            in: directory,
            configure: { $0.managedIdentity = .init(roles: [.contributor], identityHeader: "app-service-header") },
            body
        )
    }

    @Test func appServiceAndInstanceMetadataTokensAreAccepted() async throws {
        try await Self.withIdentity { endpoint, certificate in
            try await HTTPClientFactory.withClient(connections: 2, caCertificatePath: certificate) { http in
                let base = endpoint.baseURL.absoluteString
                let environment = ["IDENTITY_ENDPOINT": base + "/msi/token", "IDENTITY_HEADER": "app-service-header"]
                let appService = try CredentialChain.credential(environment: environment)
                #expect(appService.name == "managed-identity")
                let instanceMetadata = ManagedIdentityCredential(
                    source: .instanceMetadata(endpoint: base + "/metadata/identity/oauth2/token"),
                    clientID: nil
                )
                for (index, credential) in [appService, instanceMetadata].enumerated() {
                    let client = DPSServiceClient(
                        target: try ServiceTarget(host: base, credential: credential),
                        http: http
                    )
                    _ = try await client.put(EntraServiceTests.enrollment("mi-\(index)"))
                }
            }
        }
    }

    @Test func aWrongIdentityHeaderIsRefused() async throws {
        try await Self.withIdentity { endpoint, certificate in
            try await HTTPClientFactory.withClient(connections: 2, caCertificatePath: certificate) { http in
                let credential = ManagedIdentityCredential(
                    source: .appService(endpoint: endpoint.baseURL.absoluteString + "/msi/token", header: "wrong"),
                    clientID: nil
                )
                do {
                    _ = try await credential.token(scope: CredentialChain.provisioningScope, http: http)
                    Issue.record("a wrong X-IDENTITY-HEADER got a token")
                } catch let error as CredentialError {
                    #expect(error.code == .refused)
                    #expect(error.message.contains("X-IDENTITY-HEADER"), "\(error)")
                }
            }
        }
    }
}
