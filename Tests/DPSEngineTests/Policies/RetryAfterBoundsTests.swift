import DPSEngine
import Foundation
import Testing

/// `Retry-After` values a hostile or broken service sends: parsed finite, never a trap, never a hang.
struct RetryAfterBoundsTests {
    @Test(arguments: ["99999999999999999999", "10000000000", "Fri, 31 Dec 9999 23:59:59 GMT"])
    func hugeDelaysAreFiniteAndAboveTheMaximum(header: String) throws {
        let parsed = try #require(RetryAfter(headerValue: header, now: Date()))
        #expect(parsed.delay.isFinite)
        #expect(parsed.delay > RetryAfter.maximumDelay)
    }

    @Test(arguments: [String(repeating: "9", count: 400), "1e400", "-5", "nan", "inf", "0x10", "1.2.3"])
    func unboundedOrSignedValuesAreRefused(header: String) {
        #expect(RetryAfter(headerValue: header, now: Date()) == nil)
    }

    @Test func thePolicyGivesAFiniteDelayForAnyRetryAfter() {
        var random = SystemRandomNumberGenerator()
        for retryAfter in [1e20, 1e10, 301, .greatestFiniteMagnitude] {
            let delay = RetryPolicy.standard.delay(forAttempt: 1, retryAfter: retryAfter, using: &random)
            #expect(delay.map { $0.isFinite && $0 >= retryAfter } == true)
        }
    }
}
