import Foundation

/// Chooses the Microsoft Entra credential from the environment, in DefaultAzureCredential's order, or the one
/// `--credential` names. Pure: the environment is a parameter.
public enum CredentialChain {
    /// The credential names `--credential` accepts, in chain order.
    public static let names = ["environment", "workload-identity", "managed-identity", "azure-cli"]

    /// Microsoft's public cloud authority.
    public static let defaultAuthorityHost = URL(string: "https://login.microsoftonline.com")!

    /// The scope of DPS tokens.
    public static let provisioningScope = "https://azure-devices-provisioning.net/.default"

    /// The credential to use, from `environment`; `forced` names one (`--credential`).
    public static func credential(
        environment: [String: String],
        forced: String? = nil
    ) throws(CredentialError) -> any TokenCredential {
        let authority = try authorityHost(environment)
        if let forced, !names.contains(forced) {
            throw CredentialError(
                .notConfigured,
                "unknown credential '\(forced)': use one of \(names.joined(separator: ", "))"
            )
        }
        let value = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let candidates: [(name: String, credential: (any TokenCredential)?, needs: String)] = [
            (
                "environment", environmentCredential(value, authority: authority),
                "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)"
            ),
            (
                "workload-identity", workloadIdentity(value, authority: authority),
                "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE"
            ),
            (
                "managed-identity",
                ManagedIdentityCredential(source: managedIdentitySource(value), clientID: value("AZURE_CLIENT_ID")), ""
            ),
            ("azure-cli", AzureCLICredential(tenantID: value("AZURE_TENANT_ID")), ""),
        ]
        if let forced {
            let candidate = candidates.first { $0.name == forced }!
            guard let credential = candidate.credential else {
                throw CredentialError(.notConfigured, "the \(forced) credential needs \(candidate.needs)")
            }
            return credential
        }
        if let configured = candidates.prefix(2).compactMap(\.credential).first { return configured }
        // Nothing in the environment says which: on App Service its endpoint is set; otherwise try the instance
        // metadata service, then the Azure CLI, as DefaultAzureCredential does.
        if case .appService = managedIdentitySource(value) { return candidates[2].credential! }
        return FallbackCredential(candidates.suffix(2).compactMap(\.credential))
    }

    static func environmentCredential(_ value: (String) -> String?, authority: URL) -> (any TokenCredential)? {
        guard let tenant = value("AZURE_TENANT_ID"), let client = value("AZURE_CLIENT_ID") else { return nil }
        if let secret = value("AZURE_CLIENT_SECRET") {
            return ClientSecretCredential(
                authorityHost: authority,
                tenantID: tenant,
                clientID: client,
                clientSecret: secret
            )
        }
        if let path = value("AZURE_CLIENT_CERTIFICATE_PATH") {
            return ClientCertificateCredential(
                authorityHost: authority,
                tenantID: tenant,
                clientID: client,
                certificatePath: path
            )
        }
        return nil
    }

    static func workloadIdentity(_ value: (String) -> String?, authority: URL) -> (any TokenCredential)? {
        guard let tenant = value("AZURE_TENANT_ID"), let client = value("AZURE_CLIENT_ID"),
            let file = value("AZURE_FEDERATED_TOKEN_FILE")
        else { return nil }
        return WorkloadIdentityCredential(authorityHost: authority, tenantID: tenant, clientID: client, tokenFile: file)
    }

    static func managedIdentitySource(_ value: (String) -> String?) -> ManagedIdentityCredential.Source {
        if let endpoint = value("IDENTITY_ENDPOINT"), let header = value("IDENTITY_HEADER") {
            return .appService(endpoint: endpoint, header: header)
        }
        return .instanceMetadata(endpoint: ManagedIdentityCredential.instanceMetadataEndpoint)
    }

    /// `AZURE_AUTHORITY_HOST`, or the public cloud's.
    static func authorityHost(_ environment: [String: String]) throws(CredentialError) -> URL {
        guard let text = environment["AZURE_AUTHORITY_HOST"], !text.isEmpty else { return defaultAuthorityHost }
        let withScheme = text.contains("://") ? text : "https://\(text)"
        guard let url = URL(string: withScheme), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", url.host != nil
        else {
            throw CredentialError(.notConfigured, "AZURE_AUTHORITY_HOST '\(text)' is not an https URL")
        }
        return url
    }
}
