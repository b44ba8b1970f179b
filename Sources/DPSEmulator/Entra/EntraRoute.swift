/// A request to the emulator's Microsoft Entra ID endpoints, recognised from its method and path.
enum EntraRoute: Equatable, Sendable {
    /// `POST /{tenant}/oauth2/v2.0/token`
    case token(tenant: String)
    /// `GET /{tenant}/v2.0/.well-known/openid-configuration`
    case openIDConfiguration(tenant: String)
    /// `GET /{tenant}/discovery/v2.0/keys`
    case keys(tenant: String)
    /// `GET /common/discovery/instance` (MSAL's instance discovery)
    case instanceDiscovery
    /// `GET /metadata/identity/oauth2/token` (a VM's instance metadata service)
    case instanceMetadataToken
    /// `GET /msi/token` (App Service's identity endpoint)
    case appServiceToken

    /// The Entra route for a method and path, or nil when the path is not one (then it is a service API path).
    static func match(method: String, path: String) -> EntraRoute? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { $0.lowercased() }
        let verb = method.uppercased()
        guard let first = path.split(separator: "/").first.map(String.init) else { return nil }
        if verb == "GET" && segments == ["metadata", "identity", "oauth2", "token"] { return .instanceMetadataToken }
        if verb == "GET" && segments == ["msi", "token"] { return .appServiceToken }
        switch (verb, Array(segments.dropFirst())) {
        case ("POST", ["oauth2", "v2.0", "token"]): return .token(tenant: first)
        case ("GET", ["v2.0", ".well-known", "openid-configuration"]): return .openIDConfiguration(tenant: first)
        case ("GET", ["discovery", "v2.0", "keys"]): return .keys(tenant: first)
        case ("GET", ["discovery", "instance"]) where segments.first == "common": return .instanceDiscovery
        default: return nil
        }
    }
}
