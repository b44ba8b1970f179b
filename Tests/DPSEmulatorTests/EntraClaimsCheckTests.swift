import Foundation
import Testing

@testable import DPSEmulator

/// The bearer token decision: audience, issuer, lifetime with skew, role.
struct EntraClaimsCheckTests {
    static let check = EntraClaimsCheck(
        audience: "https://azure-devices-provisioning.net",
        issuer: "https://127.0.0.1:1/t/v2.0",
        clockSkew: 30
    )
    static let now = Date(timeIntervalSince1970: 2_000_000)

    static func claims(
        aud: String = "https://azure-devices-provisioning.net",
        iss: String = "https://127.0.0.1:1/t/v2.0",
        nbf: Double = 2_000_000 - 10,
        exp: Double = 2_000_000 + 100,
        roles: [EntraRole] = [.contributor]
    ) -> EntraAccessClaims {
        EntraAccessClaims(
            aud: aud,
            iss: iss,
            iat: nbf,
            nbf: nbf,
            exp: exp,
            tid: "t",
            appid: "app",
            azp: "app",
            sub: "app",
            oid: "app",
            roles: roles.map(\.roleName),
            ver: "2.0"
        )
    }

    static func status(_ claims: EntraAccessClaims, write: Bool = true) -> (Int?, String) {
        do {
            try check.check(claims, needsWrite: write, now: now)
            return (nil, "")
        } catch {
            return (error.status, error.message)
        }
    }

    @Test func aContributorsTokenAllowsWrites() {
        #expect(Self.status(Self.claims()).0 == nil)
        #expect(Self.status(Self.claims(aud: "https://azure-devices-provisioning.net/")).0 == nil)
    }

    @Test func anotherAudienceIs401NamingBoth() {
        let (status, message) = Self.status(Self.claims(aud: "https://management.azure.com"))
        #expect(status == 401)
        #expect(message.contains("https://management.azure.com") && message.contains("azure-devices-provisioning"))
    }

    @Test func anotherIssuerIs401() {
        #expect(Self.status(Self.claims(iss: "https://evil/t/v2.0")).0 == 401)
    }

    @Test(arguments: [
        (2_000_000 - 29.0, true),  // expired within the skew
        (2_000_000 - 31.0, false),
    ])
    func expiryAllowsASmallSkew(exp: Double, accepted: Bool) {
        #expect((Self.status(Self.claims(nbf: exp - 100, exp: exp)).0 == nil) == accepted)
    }

    @Test func aTokenNotYetValidBeyondTheSkewIs401() {
        #expect(Self.status(Self.claims(nbf: 2_000_000 + 20)).0 == nil)
        #expect(Self.status(Self.claims(nbf: 2_000_000 + 40)).0 == 401)
    }

    @Test func aReaderReadsButItsWriteIs403NamingTheRoleItNeeds() {
        #expect(Self.status(Self.claims(roles: [.reader]), write: false).0 == nil)
        let (status, message) = Self.status(Self.claims(roles: [.reader]))
        #expect(status == 403)
        #expect(message.contains("Device Provisioning Service Data Contributor"))
        let (none, noRole) = Self.status(Self.claims(roles: []), write: false)
        #expect(none == 403 && noRole.contains("Device Provisioning Service Data Reader"))
    }
}
