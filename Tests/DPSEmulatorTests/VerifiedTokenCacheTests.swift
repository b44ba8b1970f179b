import DPSModel
import Foundation
import Testing

@testable import DPSEmulator

/// The cache of verified SAS tokens: a cached token passes only until its own expiry and only for the policy it
/// was verified with; the cache stays bounded. Tokens are real (HMAC-SHA256), the clock is injected.
struct VerifiedTokenCacheTests {
    static let policy = SharedAccessPolicy(name: "provisioningserviceowner", key: Data(0..<32).base64EncodedString())
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func header(expiry: Date, policy: SharedAccessPolicy = policy) throws -> String {
        try SharedAccessSignature.make(
            resource: "emulator.local",
            keyName: policy.name,
            key: policy.key,
            expiry: expiry
        ).headerValue
    }

    static func refusal(_ check: () throws(ServiceError) -> Void) -> String? {
        do throws(ServiceError) {
            try check()
            return nil
        } catch {
            #expect(error.status == 401)
            return error.message
        }
    }

    @Test func aVerifiedTokenIsCachedForItsPolicy() throws {
        let cache = VerifiedTokenCache()
        let header = try Self.header(expiry: Self.now + 60)
        #expect(!cache.contains(header, verifiedFor: Self.policy, at: Self.now))
        try Self.policy.authorize(header, now: Self.now, cache: cache)
        #expect(cache.contains(header, verifiedFor: Self.policy, at: Self.now + 30))
        try Self.policy.authorize(header, now: Self.now + 30, cache: cache)
        #expect(cache.count == 1)
    }

    @Test func aCachedTokenStopsWorkingAtItsExpiry() throws {
        let cache = VerifiedTokenCache()
        let header = try Self.header(expiry: Self.now + 60)
        try Self.policy.authorize(header, now: Self.now, cache: cache)
        #expect(!cache.contains(header, verifiedFor: Self.policy, at: Self.now + 60))
        let message = Self.refusal { () throws(ServiceError) in
            try Self.policy.authorize(header, now: Self.now + 60, cache: cache)
        }
        #expect(message?.contains("expired") == true)
    }

    @Test func aCachedTokenStopsWorkingWhenThePolicyKeyChanges() throws {
        let cache = VerifiedTokenCache()
        let header = try Self.header(expiry: Self.now + 60)
        try Self.policy.authorize(header, now: Self.now, cache: cache)
        let rotated = SharedAccessPolicy(name: Self.policy.name, key: Data(32..<64).base64EncodedString())
        let message = Self.refusal { () throws(ServiceError) in
            try rotated.authorize(header, now: Self.now + 1, cache: cache)
        }
        #expect(message == "The SharedAccessSignature signature is invalid.")
    }

    @Test func aCachedTokenStopsWorkingWhenThePolicyIsReplacedByAnotherName() throws {
        let cache = VerifiedTokenCache()
        let header = try Self.header(expiry: Self.now + 60)
        try Self.policy.authorize(header, now: Self.now, cache: cache)
        let other = SharedAccessPolicy(name: "registrationwriter", key: Self.policy.key)
        let message = Self.refusal { () throws(ServiceError) in
            try other.authorize(header, now: Self.now + 1, cache: cache)
        }
        #expect(message == "The shared access policy named in skn does not exist.")
    }

    @Test func aRefusedTokenIsNotCached() throws {
        let cache = VerifiedTokenCache()
        let forged = try Self.header(
            expiry: Self.now + 60,
            policy: SharedAccessPolicy(name: Self.policy.name, key: Data(32..<64).base64EncodedString())
        )
        #expect(
            Self.refusal { () throws(ServiceError) in try Self.policy.authorize(forged, now: Self.now, cache: cache) }
                != nil
        )
        #expect(cache.count == 0)
    }

    @Test func theCacheStaysBoundedAndDropsExpiredEntriesFirst() throws {
        let cache = VerifiedTokenCache(capacity: 4)
        let lasting = try Self.header(expiry: Self.now + 3600)
        try Self.policy.authorize(lasting, now: Self.now, cache: cache)
        for second in 1...3 {
            try Self.policy.authorize(try Self.header(expiry: Self.now + Double(second)), now: Self.now, cache: cache)
        }
        #expect(cache.count == 4)
        // Full: the three expired entries go, the lasting one stays.
        try Self.policy.authorize(try Self.header(expiry: Self.now + 600), now: Self.now + 10, cache: cache)
        #expect(cache.count == 2)
        #expect(cache.contains(lasting, verifiedFor: Self.policy, at: Self.now + 10))
        for second in 1...10 {
            try Self.policy.authorize(
                try Self.header(expiry: Self.now + 600 + Double(second)),
                now: Self.now,
                cache: cache
            )
            #expect(cache.count <= 4)
        }
    }
}
