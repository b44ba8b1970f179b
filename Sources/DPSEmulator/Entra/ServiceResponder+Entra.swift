import DPSModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension ServiceResponder {
    /// Answers a request to the Entra endpoints (token, discovery, keys).
    func respondEntra(_ route: EntraRoute, entra: EntraPolicy, request: inout Request) async throws -> Response {
        let scheme = entra.issuer.hasPrefix("http://") ? "http" : "https"
        let base = "\(scheme)://\(request.head.authority ?? "127.0.0.1")"
        switch route {
        case .token(let tenant):
            guard tenant == entra.configuration.tenantID else { return Self.oauthError(Self.unknownTenant(tenant)) }
            var buffer = try await request.collectBody(upTo: 64 << 10)
            let form = FormFields.parse(Data(buffer.readBytes(length: buffer.readableBytes) ?? []))
            switch await entra.token(form: form, now: Date()) {
            case .token(let token, let expiresIn):
                let body = TokenBody(
                    token_type: "Bearer",
                    expires_in: expiresIn,
                    ext_expires_in: expiresIn,
                    access_token: token
                )
                return try Self.json(body)
            case .error(let error, let code, let description):
                return Self.oauthError(.error(error, code: code, description))
            }
        case .openIDConfiguration(let tenant):
            guard tenant == entra.configuration.tenantID else { return Self.oauthError(Self.unknownTenant(tenant)) }
            return try Self.json(entra.openIDConfiguration(base: base, tenant: tenant))
        case .keys(let tenant):
            guard tenant == entra.configuration.tenantID else { return Self.oauthError(Self.unknownTenant(tenant)) }
            return try Self.json(try entra.jwks())
        case .instanceMetadataToken, .appServiceToken:
            return try await managedIdentityToken(route, entra: entra, request: request)
        case .instanceDiscovery:
            let host = request.head.authority ?? "127.0.0.1"
            return try Self.json(
                InstanceDiscovery(
                    tenant_discovery_endpoint:
                        "\(base)/\(entra.configuration.tenantID)/v2.0/.well-known/openid-configuration",
                    api_version: "1.1",
                    metadata: [.init(preferred_network: host, preferred_cache: host, aliases: [host])]
                )
            )
        }
    }

    /// A managed identity token, answered as IMDS (2018-02-01) or App Service (2019-08-01) answer: numbers as
    /// strings, `expires_on` in epoch seconds.
    private func managedIdentityToken(
        _ route: EntraRoute,
        entra: EntraPolicy,
        request: Request
    ) async throws -> Response {
        guard let identity = entra.configuration.managedIdentity else {
            return Self.oauthError(.error("invalid_request", code: 400, "No managed identity is assigned here."))
        }
        let query = request.uri.queryParameters
        let imds = route == .instanceMetadataToken
        let version = imds ? "2018-02-01" : "2019-08-01"
        let authorised =
            imds
            ? request.headers[HTTPField.Name("Metadata")!]?.lowercased() == "true"
            : request.headers[HTTPField.Name("X-IDENTITY-HEADER")!] == identity.identityHeader
        guard authorised else {
            let header = imds ? "Metadata: true" : "X-IDENTITY-HEADER"
            return Self.oauthError(.error("invalid_request", code: 400, "The request needs the header \(header)."))
        }
        guard query["api-version"].map(String.init) == version, let resource = query["resource"].map(String.init)
        else {
            return Self.oauthError(.error("invalid_request", code: 400, "Send api-version=\(version) and resource."))
        }
        if let clientID = query["client_id"].map(String.init), clientID != identity.clientID {
            return Self.oauthError(.error("invalid_request", code: 400, "No identity '\(clientID)' is assigned here."))
        }
        let now = Date()
        let issued = await entra.issue(clientID: identity.clientID, roles: identity.roles, audience: resource, now: now)
        guard let token = issued else {
            return Self.oauthError(.error("server_error", code: 500, "The emulator could not sign a token."))
        }
        let lifetime = Int(entra.configuration.tokenLifetime)
        return try Self.json([
            "access_token": token, "expires_in": String(lifetime),
            "expires_on": String(Int(now.timeIntervalSince1970) + lifetime), "resource": resource,
            "token_type": "Bearer", "client_id": identity.clientID,
        ])
    }

    private static func unknownTenant(_ tenant: String) -> EntraTokenAnswer {
        .error("invalid_tenant", code: 90002, "AADSTS90002: Tenant '\(tenant)' not found.")
    }

    private static func oauthError(_ answer: EntraTokenAnswer) -> Response {
        guard case .error(let error, let code, let description) = answer else { return Response(status: .badRequest) }
        let body = ErrorBody(
            error: error,
            error_description: description,
            error_codes: [code],
            timestamp: Timestamp(Date()).description,
            trace_id: UUID().uuidString.lowercased(),
            correlation_id: UUID().uuidString.lowercased()
        )
        let data = (try? encoder.encode(body)) ?? Data()
        return Response(
            status: error == "invalid_client" ? .unauthorized : .badRequest,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    private struct TokenBody: Encodable {
        let token_type: String
        let expires_in: Int
        let ext_expires_in: Int
        let access_token: String
    }

    private struct ErrorBody: Encodable {
        let error: String
        let error_description: String
        let error_codes: [Int]
        let timestamp: String
        let trace_id: String
        let correlation_id: String
    }

    private struct InstanceDiscovery: Encodable {
        struct Metadata: Encodable {
            let preferred_network: String
            let preferred_cache: String
            let aliases: [String]
        }
        let tenant_discovery_endpoint: String
        let api_version: String
        let metadata: [Metadata]

        enum CodingKeys: String, CodingKey {
            case tenant_discovery_endpoint
            case api_version = "api-version"
            case metadata
        }
    }
}
