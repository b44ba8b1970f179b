import DPSEmulator
import Foundation
import Testing

@testable import DPSClient

/// The Azure CLI credential runs `az` (here a script standing in for it, found on the PATH it is given) through
/// swift-subprocess and uses the token it prints.
@Suite struct AzureCLICredentialTests {
    /// A folder holding an executable `az` with `body` as its shell script.
    static func fakeAz(_ body: String) throws -> String {
        let directory = try ImportHarness.temporaryDirectory()
        let path = directory.appendingPathComponent("az").path
        try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        return directory.path
    }

    @Test func theCLIsTokenIsUsedOnTheServiceAPI() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EntraHarness.withEmulator(in: directory) { endpoint, certificate in
            try await HTTPClientFactory.withClient(connections: 2, caCertificatePath: certificate) { http in
                let scope = CredentialChain.provisioningScope
                let token = try await EntraHarness.writer(endpoint).token(scope: scope, http: http)
                let expiry = Int(token.expiresOn.timeIntervalSince1970)
                let arguments = directory.appendingPathComponent("az-arguments").path
                let folder = try Self.fakeAz(
                    """
                    echo "$@" > '\(arguments)'
                    echo '{"accessToken": "\(token.token)", "expires_on": \(expiry), "tokenType": "Bearer"}'
                    """
                )
                let credential = AzureCLICredential(tenantID: nil, searchPath: folder)
                let client = DPSServiceClient(
                    target: try ServiceTarget(host: endpoint.baseURL.absoluteString, credential: credential),
                    http: http
                )
                _ = try await client.put(EntraServiceTests.enrollment("cli-1"))
                let sent = try String(contentsOfFile: arguments, encoding: .utf8)
                let resource = "https://azure-devices-provisioning.net"
                #expect(sent == "account get-access-token --resource \(resource) --output json\n")
            }
        }
    }

    @Test func aCLIThatIsNotSignedInIsReportedWithItsWords() async throws {
        let folder = try Self.fakeAz("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n")
        let empty = try ImportHarness.temporaryDirectory().path
        try await HTTPClientFactory.withClient(connections: 1) { http in
            do {
                let credential = AzureCLICredential(searchPath: folder)
                _ = try await credential.token(scope: CredentialChain.provisioningScope, http: http)
                Issue.record("a failing az gave a token")
            } catch let error as CredentialError {
                #expect(error.code == .refused)
                #expect(error.message.contains("az login"), "\(error)")
            }
            await #expect(throws: CredentialError.self) {
                let credential = AzureCLICredential(searchPath: empty)
                _ = try await credential.token(scope: CredentialChain.provisioningScope, http: http)
            }
        }
    }
}
