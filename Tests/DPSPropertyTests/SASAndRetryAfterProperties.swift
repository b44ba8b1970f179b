import DPSEngine
import DPSModel
import Foundation
import PropertyBased
import Testing

@testable import DPSEmulator

/// The two parsers of numbers a peer sends in headers: no input traps, and what they accept is bounded.
struct SASAndRetryAfterProperties {
    static let sasTokens = [
        "SharedAccessSignature ", "sr=", "sig=", "se=", "skn=", "&", "=", "h", "abc%2F", "nan", "inf", "-", "+",
        "1e300", "9", "0", "1893456000", "1893456000000", "99999999999999999999", ".", " ", "%", "\u{0}",
        "\u{202E}",
    ]

    @Test func sasParserNeverTrapsAndBoundsTheExpiry() async {
        await propertyCheck(count: Fuzz.count, input: Fuzz.tokens(Self.sasTokens, parts: 16)) { text in
            let header = text.hasPrefix("SharedAccessSignature ") ? text : "SharedAccessSignature " + text
            guard let token = try? SharedAccessSignature.parse(headerValue: header) else { return }
            let seconds = try #require(token.expirySeconds)
            #expect((0...99_999_999_999).contains(seconds))
            _ = Timestamp(try #require(token.expiry)).rawValue
            _ = token.isValid(key: Data(count: 32).base64EncodedString())
        }
    }

    /// The emulator's whole check, where `se=nan` once trapped (formatting "expired at …").
    @Test func emulatorAuthorizationAnswersEveryTokenWithoutTrapping() async {
        let policy = SharedAccessPolicy(name: "o", key: Data(count: 32).base64EncodedString())
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        await propertyCheck(count: Fuzz.count, input: Fuzz.tokens(Self.sasTokens, parts: 16)) { text in
            let header = text.hasPrefix("SharedAccessSignature ") ? text : "SharedAccessSignature " + text
            do {
                try policy.authorize(header, now: now)
                Issue.record("an unsigned token was accepted: \(header)")
            } catch let error as ServiceError {
                #expect(error.status == 401)
            }
        }
    }

    @Test func sasParserNeverTrapsOnArbitraryBytes() async {
        await propertyCheck(count: Fuzz.count, input: Fuzz.bytes(upTo: 120)) { bytes in
            let header = "SharedAccessSignature " + String(decoding: bytes, as: UTF8.self)
            _ = try? SharedAccessSignature.parse(headerValue: header)
        }
    }

    static let retryAfterTokens = [
        "0", "1", "9", "99999999999999999999", ".", "-", "e", " ", "Sun, ", "06 ", "Nov ", "1994 ", "9999 ",
        "08:49:37 ", "23:59:60 ", "GMT", "+0100", "-2359", "Feb ", "29 ", "00 ", "inf", "nan",
    ]

    @Test func retryAfterIsFiniteAndNonNegativeWhenAccepted() async {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        await propertyCheck(count: Fuzz.count, input: Fuzz.tokens(Self.retryAfterTokens, parts: 8)) { text in
            guard let parsed = RetryAfter(headerValue: text, now: now) else { return }
            #expect(parsed.delay.isFinite && parsed.delay >= 0, "\(text)")
            var random = SystemRandomNumberGenerator()
            let wait = RetryPolicy.standard.delay(forAttempt: 1, retryAfter: parsed.delay, using: &random)
            #expect(wait.map { $0.isFinite && $0 >= parsed.delay } == true)
        }
    }
}
