import Crypto
import CryptoExtras
import Foundation
import JWTKit
import Synchronization

/// The emulator's Microsoft Entra ID: issues RS256 access tokens to known clients (client credentials grant),
/// publishes the signing key, and checks bearer tokens on the service API.
final class EntraPolicy: Sendable {
    let configuration: EntraConfiguration
    private let keys: JWTKeyCollection
    private let keyID: String
    private let publicKey: JWTKit.Insecure.RSA.PublicKey
    /// `scheme://host:port`, known once the server listens.
    private let authorityBase = Mutex<String?>(nil)

    init(_ configuration: EntraConfiguration) async throws {
        self.configuration = configuration
        let privateKey = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        publicKey = privateKey.publicKey
        let modulus = try publicKey.getKeyPrimitives().modulus
        keyID = Data(SHA256.hash(data: modulus).prefix(16)).base64URLText
        keys = JWTKeyCollection()
        await keys.add(rsa: privateKey, digestAlgorithm: .sha256, kid: JWKIdentifier(string: keyID))
    }

    /// Records where the server listens; the issuer and the discovery documents are built from it.
    func listening(at base: String) {
        authorityBase.withLock { $0 = base }
    }

    var issuer: String {
        "\(authorityBase.withLock { $0 } ?? "https://login.microsoftonline.com")/\(configuration.tenantID)/v2.0"
    }

    // MARK: - Service API

    /// Checks an `Authorization: Bearer` value for a request that reads (`needsWrite` false) or writes.
    func authorize(bearer token: String, needsWrite: Bool, now: Date) async throws(ServiceError) {
        let claims: EntraAccessClaims
        do {
            claims = try await keys.verify(token, as: EntraAccessClaims.self)
        } catch {
            throw ServiceError.unauthorized("The bearer token is not a token this tenant signed, or is malformed.")
        }
        let check = EntraClaimsCheck(
            audience: configuration.audience,
            issuer: issuer,
            clockSkew: configuration.clockSkew
        )
        try check.check(claims, needsWrite: needsWrite, now: now)
    }

    // MARK: - Token endpoint

    /// Answers a token request (form fields of the client credentials grant).
    func token(form: [String: String], now: Date) async -> EntraTokenAnswer {
        guard form["grant_type"] == "client_credentials" else {
            return .error(
                "unsupported_grant_type",
                code: 70003,
                "AADSTS70003: The emulator supports the client_credentials grant only."
            )
        }
        guard let clientID = form["client_id"], !clientID.isEmpty else {
            return .error("invalid_request", code: 900144, "AADSTS900144: The request body must contain client_id.")
        }
        guard let scope = form["scope"], scope.hasSuffix("/.default") else {
            return .error(
                "invalid_scope",
                code: 1_002_012,
                "AADSTS1002012: The scope must be a resource followed by /.default."
            )
        }
        guard let client = configuration.clients.first(where: { $0.clientID == clientID }) else {
            return .error(
                "unauthorized_client",
                code: 700016,
                "AADSTS700016: Application with identifier '\(clientID)' was not found in the tenant."
            )
        }
        if form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" {
            let check = EntraAssertionCheck(tenantID: configuration.tenantID, clockSkew: configuration.clockSkew)
            if let failure = await check.failure(assertion: form["client_assertion"] ?? "", client: client, now: now) {
                return .error("invalid_client", code: 700027, failure)
            }
        } else if !Self.secretMatches(form["client_secret"], client) {
            return .error(
                "invalid_client",
                code: 7_000_215,
                "AADSTS7000215: Invalid client secret provided for application '\(clientID)'."
            )
        }
        if let expires = client.secretExpires, expires <= now {
            return .error(
                "invalid_client",
                code: 7_000_222,
                "AADSTS7000222: The provided client secret keys for app '\(clientID)' are expired."
            )
        }
        let audience = String(scope.dropLast("/.default".count))
        guard let token = await issue(clientID: clientID, roles: client.roles, audience: audience, now: now) else {
            return .error("server_error", code: 500, "AADSTS50000: The emulator could not sign a token.")
        }
        return .token(token, expiresIn: Int(configuration.tokenLifetime))
    }

    /// A signed access token for `clientID` with `roles`, for `audience`; nil if signing failed.
    func issue(clientID: String, roles: [EntraRole], audience: String, now: Date) async -> String? {
        let claims = EntraAccessClaims(
            aud: audience,
            iss: issuer,
            iat: now.timeIntervalSince1970.rounded(.down),
            nbf: now.timeIntervalSince1970.rounded(.down),
            exp: (now.timeIntervalSince1970 + configuration.tokenLifetime).rounded(.down),
            tid: configuration.tenantID,
            appid: clientID,
            azp: clientID,
            sub: clientID,
            oid: clientID,
            roles: roles.map(\.roleName),
            ver: "2.0"
        )
        var header = JWTHeader()
        header.typ = "JWT"
        return try? await keys.sign(claims, kid: JWKIdentifier(string: keyID), header: header)
    }

    // MARK: - Discovery

    /// The JSON Web Key Set with the signing key.
    func jwks() throws -> [String: [[String: String]]] {
        let (modulus, exponent) = try publicKey.getKeyPrimitives()
        return [
            "keys": [
                [
                    "kty": "RSA", "use": "sig", "alg": "RS256", "kid": keyID,
                    "n": modulus.base64URLText, "e": exponent.base64URLText,
                ]
            ]
        ]
    }

    /// The OpenID Connect discovery document for `tenant`, with endpoints under `base` (as the client reached us).
    func openIDConfiguration(base: String, tenant: String) -> [String: JSONLiteral] {
        let prefix = "\(base)/\(tenant)"
        return [
            "issuer": .string(issuer),
            "token_endpoint": .string("\(prefix)/oauth2/v2.0/token"),
            "authorization_endpoint": .string("\(prefix)/oauth2/v2.0/authorize"),
            "device_authorization_endpoint": .string("\(prefix)/oauth2/v2.0/devicecode"),
            "jwks_uri": .string("\(base)/\(tenant)/discovery/v2.0/keys"),
            "token_endpoint_auth_methods_supported": .strings(["client_secret_post", "private_key_jwt"]),
            "response_types_supported": .strings(["code", "id_token", "token"]),
            "id_token_signing_alg_values_supported": .strings(["RS256"]),
            "grant_types_supported": .strings(["client_credentials"]),
            "tenant_region_scope": .string("WW"),
        ]
    }

    /// Whether `secret` is the client's (a client without a secret accepts none).
    private static func secretMatches(_ secret: String?, _ client: EntraClient) -> Bool {
        guard let secret, !client.clientSecret.isEmpty else { return false }
        return equal(secret, client.clientSecret)
    }

    /// Constant-time comparison of two secrets.
    private static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// A string or a list of strings, for discovery documents.
enum JSONLiteral: Encodable, Sendable {
    case string(String)
    case strings([String])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .strings(let values): try container.encode(values)
        }
    }
}

/// What the token endpoint answers: a token, or an OAuth error (HTTP 400 or 401).
enum EntraTokenAnswer: Sendable {
    case token(String, expiresIn: Int)
    case error(String, code: Int, String)
}

extension Data {
    /// Base64url without padding.
    var base64URLText: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
