import AsyncHTTPClient
import Crypto
import Foundation
import JWTKit

/// A service principal's certificate (`AZURE_CLIENT_CERTIFICATE_PATH`: a PEM file with the certificate and its
/// RSA private key): each token request carries an assertion signed with the key, naming the certificate by its
/// SHA-1 thumbprint (`x5t`).
public struct ClientCertificateCredential: TokenCredential {
    public let name = "environment"
    let authorityHost: URL
    let tenantID: String
    let clientID: String
    let certificatePath: String

    public init(authorityHost: URL, tenantID: String, clientID: String, certificatePath: String) {
        self.authorityHost = authorityHost
        self.tenantID = tenantID
        self.clientID = clientID
        self.certificatePath = certificatePath
    }

    /// The assertion's claims: audience the token endpoint, issuer and subject the client, 10 minutes of life.
    struct Claims: JWTPayload {
        var aud: String
        var iss: String
        var sub: String
        var jti: String
        var nbf: Int
        var iat: Int
        var exp: Int

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    public func token(scope: String, http: HTTPClient) async throws(CredentialError) -> AccessToken {
        let url = TokenEndpoint.url(authorityHost: authorityHost, tenantID: tenantID)
        let assertion = try await makeAssertion(audience: url, now: Date())
        return try await TokenEndpoint.post(
            url: url,
            form: ClientAssertion.form(clientID: clientID, assertion: assertion, scope: scope),
            what: "client \(clientID) (certificate) in tenant \(tenantID)",
            http: http
        )
    }

    /// The signed assertion for `audience`.
    func makeAssertion(audience: String, now: Date) async throws(CredentialError) -> String {
        guard let data = FileManager.default.contents(atPath: certificatePath), data.count <= 1 << 20 else {
            throw CredentialError(.notConfigured, "cannot read the client certificate '\(certificatePath)'")
        }
        let pem = String(decoding: data, as: UTF8.self)
        guard let certificate = PEMBlock.der(of: "CERTIFICATE", in: pem),
            let keyBlock = PEMBlock.text(endingWith: "PRIVATE KEY", in: pem)
        else {
            throw CredentialError(
                .notConfigured,
                "the client certificate file '\(certificatePath)' needs a CERTIFICATE and its PRIVATE KEY in PEM"
            )
        }
        let keys = JWTKeyCollection()
        do {
            await keys.add(rsa: try JWTKit.Insecure.RSA.PrivateKey(pem: keyBlock), digestAlgorithm: .sha256)
        } catch {
            throw CredentialError(.notConfigured, "the private key in '\(certificatePath)' is not an RSA key")
        }
        var header = JWTHeader()
        header.typ = "JWT"
        header.x5t = Data(Crypto.Insecure.SHA1.hash(data: certificate)).base64URLEncoded
        let time = Int(now.timeIntervalSince1970)
        let claims = Claims(
            aud: audience,
            iss: clientID,
            sub: clientID,
            jti: UUID().uuidString,
            nbf: time,
            iat: time,
            exp: time + 600
        )
        do {
            return try await keys.sign(claims, header: header)
        } catch {
            throw CredentialError(.notConfigured, "could not sign the client assertion with '\(certificatePath)'")
        }
    }
}

extension Data {
    /// Base64url without padding.
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
