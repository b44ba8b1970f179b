import DPSModel
import Foundation

/// Decides whether verified token claims allow a request: audience, issuer, lifetime with skew, and role.
///
/// Pure: the signature is checked before, the clock is a parameter.
struct EntraClaimsCheck: Sendable {
    let audience: String
    let issuer: String
    let clockSkew: TimeInterval

    /// Throws 401 for a token that is not for this service or not valid now, 403 for a role that does not allow
    /// the request; the message names what is missing.
    func check(_ claims: EntraAccessClaims, needsWrite: Bool, now: Date) throws(ServiceError) {
        guard claims.aud.trimmingSlash == audience.trimmingSlash else {
            throw ServiceError.unauthorized(
                "The token's audience '\(claims.aud)' is not this service; request a token for \(audience)."
            )
        }
        guard claims.iss == issuer else {
            throw ServiceError.unauthorized("The token's issuer '\(claims.iss)' is not trusted (expected \(issuer)).")
        }
        let time = now.timeIntervalSince1970
        guard claims.exp + clockSkew > time else {
            let expiry = Timestamp(Date(timeIntervalSince1970: claims.exp))
            throw ServiceError.unauthorized("The token expired at \(expiry).")
        }
        guard claims.nbf - clockSkew <= time else {
            throw ServiceError.unauthorized(
                "The token is not valid before \(Timestamp(Date(timeIntervalSince1970: claims.nbf)))."
            )
        }
        let roles = Set((claims.roles ?? []).compactMap(EntraRole.init(roleName:)))
        let needed: EntraRole = needsWrite ? .contributor : .reader
        if roles.contains(.contributor) || (!needsWrite && roles.contains(.reader)) { return }
        let held = roles.isEmpty ? "no DPS data role" : "only '\(EntraRole.reader.roleName)'"
        throw ServiceError(
            status: 403,
            errorCode: 403_001,
            message: "The caller (appid \(claims.appid)) has \(held); this request needs the role "
                + "'\(needed.roleName)'."
        )
    }
}

extension String {
    fileprivate var trimmingSlash: Substring {
        var text = Substring(self)
        while text.hasSuffix("/") { text = text.dropLast() }
        return text
    }
}
