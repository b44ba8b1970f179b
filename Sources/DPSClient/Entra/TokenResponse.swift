import Foundation

/// Parses a token endpoint's answer (`access_token`, `expires_in` or `expires_on`), with bounds.
enum TokenResponse {
    /// The largest body read from a token endpoint.
    static let maximumBodyBytes = 64 << 10

    /// The token in a 2xx body; `now` is when it was received.
    static func parse(_ data: Data, now: Date) throws(CredentialError) -> AccessToken {
        guard data.count <= maximumBodyBytes,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw CredentialError(.malformedTokenResponse, "the token endpoint's answer is not a JSON object")
        }
        guard let token = object["access_token"] as? String, !token.isEmpty, token.utf8.count <= 32 << 10,
            token.allSatisfy({ $0.isASCII && !$0.isWhitespace })
        else {
            throw CredentialError(.malformedTokenResponse, "the token endpoint's answer has no usable access_token")
        }
        let expiresOn: Date
        if let seconds = number(object["expires_in"]) {
            guard (1...86_400 * 2).contains(seconds) else {
                throw CredentialError(.malformedTokenResponse, "the token endpoint's expires_in is out of range")
            }
            expiresOn = now.addingTimeInterval(seconds)
        } else if let epoch = number(object["expires_on"]), epoch > now.timeIntervalSince1970 {
            guard epoch - now.timeIntervalSince1970 <= 86_400 * 2 else {
                throw CredentialError(.malformedTokenResponse, "the token endpoint's expires_on is out of range")
            }
            expiresOn = Date(timeIntervalSince1970: epoch)
        } else {
            throw CredentialError(.malformedTokenResponse, "the token endpoint's answer has no valid expires_in")
        }
        return AccessToken(token: token, expiresOn: expiresOn, obtainedOn: now)
    }

    /// An OAuth error answer's words (`error`, the start of `error_description`), never a token.
    static func errorText(_ data: Data) -> String {
        guard data.count <= maximumBodyBytes,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return "no readable error" }
        let error = (object["error"] as? String) ?? "error"
        let description = (object["error_description"] as? String).map { ": " + String($0.prefix(300)) } ?? ""
        return error + description
    }

    /// A number sent as a JSON number or a string (managed identity sends strings).
    private static func number(_ value: Any?) -> Double? {
        if let number = value as? NSNumber { return number.doubleValue }
        if let text = value as? String { return Double(text) }
        return nil
    }
}
