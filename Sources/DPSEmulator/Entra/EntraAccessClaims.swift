import JWTKit

/// The claims of an access token the emulator issues (a subset of Entra's v2.0 access token).
struct EntraAccessClaims: JWTPayload, Equatable {
    var aud: String
    var iss: String
    var iat: Double
    var nbf: Double
    var exp: Double
    var tid: String
    var appid: String
    var azp: String
    var sub: String
    var oid: String
    var roles: [String]?
    var ver: String

    /// Claims are checked by ``EntraClaimsCheck`` (with skew and messages that name what is wrong), not here.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
