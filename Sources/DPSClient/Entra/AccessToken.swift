import Foundation

/// An OAuth 2.0 access token and when it expires. Its description never shows the token.
public struct AccessToken: Sendable, CustomStringConvertible {
    /// The token itself: a secret.
    public let token: String
    /// When it stops being valid.
    public let expiresOn: Date
    /// When it was obtained.
    public let obtainedOn: Date

    public init(token: String, expiresOn: Date, obtainedOn: Date) {
        self.token = token
        self.expiresOn = expiresOn
        self.obtainedOn = obtainedOn
    }

    /// When to get a new one: 5 minutes before expiry, or halfway through a lifetime shorter than 10 minutes
    /// (as Azure's SDKs do), so that a long run never sends an expired token.
    public var refreshOn: Date {
        let lifetime = expiresOn.timeIntervalSince(obtainedOn)
        return expiresOn.addingTimeInterval(-min(300, max(0, lifetime) / 2))
    }

    public var description: String { "AccessToken(expiresOn: \(expiresOn), token: ***)" }
}
