import Crypto
import Foundation
import JWTKit

/// Checks a client assertion (RFC 7523) against the certificate registered for the client: signature, `x5t` when
/// sent, audience (the token endpoint, or `api://AzureADTokenExchange` for federated tokens), subject and lifetime.
struct EntraAssertionCheck: Sendable {
    /// The claims an assertion must carry.
    struct Claims: JWTPayload {
        var aud: String
        var iss: String
        var sub: String
        var exp: Double
        var nbf: Double?

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    static let federatedAudience = "api://AzureADTokenExchange"

    let tenantID: String
    let clockSkew: TimeInterval

    /// nil when the assertion is good, else the AADSTS description.
    func failure(assertion: String, client: EntraClient, now: Date) async -> String? {
        guard let pem = client.certificate,
            let publicKey = try? JWTKit.Insecure.RSA.PublicKey(certificatePEM: pem)
        else {
            return "AADSTS700027: The client '\(client.clientID)' has no certificate registered to check assertions."
        }
        let keys = JWTKeyCollection()
        await keys.add(rsa: publicKey, digestAlgorithm: .sha256)
        let claims: Claims
        do {
            claims = try await keys.verify(assertion, as: Claims.self)
        } catch {
            return "AADSTS700027: The client assertion's signature does not match the registered certificate."
        }
        if let x5t = try? Self.thumbprintHeader(assertion), x5t != Self.thumbprint(pem) {
            return "AADSTS700027: The assertion's x5t does not name the registered certificate."
        }
        let audienceIsTokenEndpoint = claims.aud.hasSuffix("/\(tenantID)/oauth2/v2.0/token")
        guard audienceIsTokenEndpoint || claims.aud == Self.federatedAudience else {
            return "AADSTS700212: The assertion's audience '\(claims.aud)' is not this token endpoint."
        }
        guard claims.sub == client.clientID else {
            return "AADSTS700213: The assertion's subject '\(claims.sub)' is not the client '\(client.clientID)'."
        }
        let time = now.timeIntervalSince1970
        guard claims.exp + clockSkew > time, (claims.nbf ?? 0) - clockSkew <= time else {
            return "AADSTS700024: The client assertion is not within its valid time range."
        }
        return nil
    }

    /// The `x5t` header of a compact JWT, when present.
    static func thumbprintHeader(_ token: String) throws -> String? {
        guard let header = token.split(separator: ".").first else { return nil }
        var text = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text),
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["x5t"] as? String
    }

    /// The base64url SHA-1 thumbprint of the first certificate in `pem`.
    static func thumbprint(_ pem: String) -> String? {
        guard let start = pem.range(of: "-----BEGIN CERTIFICATE-----"),
            let stop = pem.range(of: "-----END CERTIFICATE-----", range: start.upperBound..<pem.endIndex),
            let der = Data(base64Encoded: String(pem[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }))
        else { return nil }
        return Data(Crypto.Insecure.SHA1.hash(data: der)).base64URLText
    }
}
