import Foundation
import Testing

@testable import DPSClient

/// Choosing the credential, reading token answers, and when a token is refreshed: pure decisions.
struct CredentialChainTests {
    static let secretEnvironment = ["AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s3cret"]

    @Test func theEnvironmentClientSecretIsChosenWithTheAuthorityHostHonoured() throws {
        var environment = Self.secretEnvironment
        environment["AZURE_AUTHORITY_HOST"] = "https://127.0.0.1:8443"
        let chosen = try CredentialChain.credential(environment: environment)
        let credential = try #require(chosen as? ClientSecretCredential)
        #expect(credential.name == "environment")
        #expect(
            TokenEndpoint.url(authorityHost: credential.authorityHost, tenantID: credential.tenantID)
                == "https://127.0.0.1:8443/t/oauth2/v2.0/token"
        )
        let plainChoice = try CredentialChain.credential(environment: Self.secretEnvironment)
        let plain = try #require(plainChoice as? ClientSecretCredential)
        #expect(plain.authorityHost.absoluteString == "https://login.microsoftonline.com")
    }

    @Test func aForcedEnvironmentCredentialNamesWhatIsMissing() {
        do {
            _ = try CredentialChain.credential(environment: ["AZURE_TENANT_ID": "t"], forced: "environment")
            Issue.record("accepted an incomplete environment")
        } catch {
            #expect(error.message.contains("AZURE_CLIENT_SECRET"))
        }
        #expect(throws: CredentialError.self) {
            try CredentialChain.credential(environment: Self.secretEnvironment, forced: "nonsense")
        }
        #expect(throws: CredentialError.self) {
            try CredentialChain.credential(environment: Self.secretEnvironment, forced: "workload-identity")
        }
    }

    @Test func theChainFollowsDefaultAzureCredentialsOrder() throws {
        var environment = ["AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_FEDERATED_TOKEN_FILE": "/f"]
        #expect(try CredentialChain.credential(environment: environment).name == "workload-identity")
        environment["AZURE_CLIENT_CERTIFICATE_PATH"] = "/c.pem"
        #expect(try CredentialChain.credential(environment: environment) is ClientCertificateCredential)
        environment["AZURE_CLIENT_SECRET"] = "s"
        #expect(try CredentialChain.credential(environment: environment) is ClientSecretCredential)
        let appService = ["IDENTITY_ENDPOINT": "http://127.0.0.1:41/msi/token", "IDENTITY_HEADER": "h"]
        #expect(try CredentialChain.credential(environment: appService).name == "managed-identity")
        #expect(try CredentialChain.credential(environment: [:]) is FallbackCredential)
        #expect(try CredentialChain.credential(environment: [:], forced: "azure-cli").name == "azure-cli")
    }

    @Test func managedIdentityRequestsAreShapedForIMDSAndAppService() {
        let imds = ManagedIdentityCredential(
            source: .instanceMetadata(endpoint: ManagedIdentityCredential.instanceMetadataEndpoint),
            clientID: nil
        ).request(scope: CredentialChain.provisioningScope)
        #expect(
            imds.url == "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01"
                + "&resource=https%3A%2F%2Fazure-devices-provisioning.net"
        )
        #expect(imds.headers.map(\.0) == ["Metadata"] && imds.headers.map(\.1) == ["true"])
        let app = ManagedIdentityCredential(
            source: .appService(endpoint: "http://127.0.0.1:41/msi/token", header: "h"),
            clientID: "user-assigned"
        ).request(scope: CredentialChain.provisioningScope)
        #expect(app.url.hasPrefix("http://127.0.0.1:41/msi/token?api-version=2019-08-01&resource="))
        #expect(app.url.hasSuffix("&client_id=user-assigned"))
        #expect(app.headers.map(\.0) == ["X-IDENTITY-HEADER"])
    }

    @Test func azureCLIArgumentsAndAnswers() throws {
        #expect(
            AzureCLICredential(tenantID: "t").arguments(scope: CredentialChain.provisioningScope)
                == [
                    "account", "get-access-token", "--resource", "https://azure-devices-provisioning.net", "--output",
                    "json", "--tenant", "t",
                ]
        )
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let newer = #"{"accessToken":"abc","expires_on":1800003600,"tenant":"t","tokenType":"Bearer"}"#
        #expect(try AzureCLICredential.parse(Data(newer.utf8), now: now).expiresOn.timeIntervalSince(now) == 3600)
        let older = #"{"accessToken":"abc","expiresOn":"2099-01-01 10:00:00.000000","tokenType":"Bearer"}"#
        #expect(throws: CredentialError.self) { try AzureCLICredential.parse(Data(older.utf8), now: now) }
        #expect(throws: CredentialError.self) { try AzureCLICredential.parse(Data("{}".utf8), now: now) }
    }

    @Test func aBadAuthorityHostIsRefused() {
        var environment = Self.secretEnvironment
        environment["AZURE_AUTHORITY_HOST"] = "ftp://x"
        #expect(throws: CredentialError.self) { try CredentialChain.credential(environment: environment) }
    }

    @Test(arguments: [
        (#"{"access_token":"abc","expires_in":3599,"token_type":"Bearer"}"#, true),
        (#"{"access_token":"abc","expires_in":"3599"}"#, true),
        (#"{"access_token":"abc","expires_on":"4102444800"}"#, false),
        (#"{"access_token":"abc","expires_in":0}"#, false),
        (#"{"access_token":"abc","expires_in":999999999}"#, false),
        (#"{"access_token":"","expires_in":60}"#, false),
        (#"{"access_token":"a b","expires_in":60}"#, false),
        (#"{"expires_in":60}"#, false),
        (#"[1]"#, false),
        ("not json", false),
    ])
    func tokenAnswersAreParsedWithBounds(body: String, usable: Bool) {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let token = try? TokenResponse.parse(Data(body.utf8), now: now)
        #expect((token != nil) == usable, "\(body)")
    }

    @Test func aTokenIsRefreshedFiveMinutesBeforeExpiryOrHalfwayThroughAShortLife() {
        let start = Date(timeIntervalSince1970: 1_000)
        let hour = AccessToken(token: "x", expiresOn: start.addingTimeInterval(3600), obtainedOn: start)
        #expect(hour.refreshOn == start.addingTimeInterval(3300))
        let short = AccessToken(token: "x", expiresOn: start.addingTimeInterval(4), obtainedOn: start)
        #expect(short.refreshOn == start.addingTimeInterval(2))
        #expect(!hour.description.contains("x,") && hour.description.contains("***"))
    }
}
