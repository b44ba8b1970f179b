import DPSEngine
import Foundation
import Testing

struct RetryAfterTests {
    /// Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example date.
    static let example = Date(timeIntervalSince1970: 784_111_777)

    @Test(
        "delay-seconds and RFC 1123 dates give the delay from now",
        arguments: [
            ("0", 0.0),
            ("120", 120),
            (" 5 ", 5),
            ("1.5", 1.5),
            ("007", 7),
            ("Sun, 06 Nov 1994 08:50:07 GMT", 30),
            ("sun, 06 nov 1994 08:50:07 gmt", 30),
            ("06 Nov 1994 08:50:07 GMT", 30),
            ("Sun, 6 Nov 1994 08:50:07 UTC", 30),
            ("Sun, 06 Nov 1994 09:50:07 +0100", 30),
            ("Sun, 06 Nov 1994 03:50:07 -0500", 30),
            ("Sun, 06 Nov 1994 08:49:37 GMT", 0),
            ("Sun, 06 Nov 1994 08:00:00 GMT", 0),
            ("Mon, 07 Nov 1994 08:49:37 GMT", 86_400),
            ("Thu, 01 Dec 1994 08:49:37 GMT", 25 * 86_400),
        ] as [(String, TimeInterval)]
    )
    func parses(header: String, expected: TimeInterval) throws {
        let parsed = try #require(RetryAfter(headerValue: header, now: Self.example))
        #expect(abs(parsed.delay - expected) < 1e-9)
    }

    @Test(
        "dates agree with Foundation across years, leap days and the epoch",
        arguments: [
            ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
            ("Thu, 29 Feb 2024 23:59:59 GMT", 1_709_251_199),
            ("Wed, 01 Mar 2000 00:00:00 GMT", 951_868_800),
            ("Fri, 31 Dec 1999 23:59:59 GMT", 946_684_799),
            ("Fri, 01 Jan 2100 00:00:00 GMT", 4_102_444_800),
        ] as [(String, TimeInterval)]
    )
    func absoluteDates(header: String, secondsSince1970: TimeInterval) throws {
        let epoch = Date(timeIntervalSince1970: 0)
        let parsed = try #require(RetryAfter(headerValue: header, now: epoch))
        #expect(parsed.delay == secondsSince1970)
    }

    @Test(
        "values that are neither form are rejected",
        arguments: [
            "", " ", "-5", "+5", "abc", "1e3", "5 s", "1.2.3", ".", "inf", "NaN", "٣",
            "Sun, 06 Nov 1994 08:49:37",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sun 06 Nov 1994 08:49:37 GMT",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 29 Feb 1900 08:49:37 GMT",
            "Sun, 00 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 08:49:37 CET",
            "Sun, 06 Nov 1994 08:49:37 +01",
            "Sun, 06 Nov 1994 08:49:37 +0160",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
        ]
    )
    func rejects(header: String) {
        #expect(RetryAfter(headerValue: header, now: Self.example) == nil)
    }
}
