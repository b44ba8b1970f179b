/// The form of a client credentials request authenticated by a signed assertion (RFC 7523).
enum ClientAssertion {
    /// The `client_assertion_type` of a JWT assertion.
    static let jwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    static func form(clientID: String, assertion: String, scope: String) -> [(String, String)] {
        [
            ("grant_type", "client_credentials"), ("client_id", clientID), ("client_assertion_type", jwtBearer),
            ("client_assertion", assertion), ("scope", scope),
        ]
    }
}
