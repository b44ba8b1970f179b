import AsyncHTTPClient
import Foundation
import Subprocess

/// The Azure CLI's signed-in account: `az account get-access-token --resource R --output json`, run without a
/// shell; the token comes back on its standard output, never on a command line.
public struct AzureCLICredential: TokenCredential {
    public let name = "azure-cli"
    /// The tenant to ask for (`--tenant`), when set.
    let tenantID: String?
    /// Where to look for `az` instead of the process's PATH (for tests).
    let searchPath: String?

    public init(tenantID: String? = nil, searchPath: String? = nil) {
        self.tenantID = tenantID
        self.searchPath = searchPath
    }

    /// The arguments after `az`.
    func arguments(scope: String) -> [String] {
        var resource = scope
        if resource.hasSuffix("/.default") { resource.removeLast("/.default".count) }
        var arguments = ["account", "get-access-token", "--resource", resource, "--output", "json"]
        if let tenantID { arguments += ["--tenant", tenantID] }
        return arguments
    }

    public func token(scope: String, http: HTTPClient) async throws(CredentialError) -> AccessToken {
        let succeeded: Bool
        let output: String
        let errorText: String
        do {
            let result = try await Subprocess.run(
                .name("az"),
                arguments: Arguments(arguments(scope: scope)),
                environment: searchPath.map { Environment.inherit.updating(["PATH": $0]) } ?? .inherit,
                output: .string(limit: TokenResponse.maximumBodyBytes),
                error: .string(limit: 16 << 10)
            )
            succeeded = result.terminationStatus.isSuccess
            output = result.standardOutput
            errorText = result.standardError
        } catch {
            throw CredentialError(.notConfigured, "the Azure CLI (az) could not be run: is it installed and on PATH?")
        }
        guard succeeded else {
            let reason = errorText.trimmingCharacters(in: .whitespacesAndNewlines).prefix(300)
            throw CredentialError(.refused, "az account get-access-token failed (run az login): \(reason)")
        }
        return try Self.parse(Data(output.utf8), now: Date())
    }

    /// Reads `az account get-access-token` JSON: `accessToken`, and `expires_on` (epoch seconds, newer CLIs) or
    /// `expiresOn` (local time `yyyy-MM-dd HH:mm:ss.SSSSSS`).
    static func parse(_ data: Data, now: Date) throws(CredentialError) -> AccessToken {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let token = object["accessToken"] as? String
        else {
            throw CredentialError(.malformedTokenResponse, "az account get-access-token printed no accessToken")
        }
        var converted: [String: Any] = ["access_token": token]
        if let epoch = object["expires_on"] {
            converted["expires_on"] = epoch
        } else if let text = object["expiresOn"] as? String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = .current
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSSSSS"
            guard let date = formatter.date(from: text) else {
                throw CredentialError(.malformedTokenResponse, "az printed an unreadable expiresOn")
            }
            converted["expires_on"] = date.timeIntervalSince1970
        }
        guard let bytes = try? JSONSerialization.data(withJSONObject: converted) else {
            throw CredentialError(.malformedTokenResponse, "az account get-access-token printed no accessToken")
        }
        return try TokenResponse.parse(bytes, now: now)
    }
}
