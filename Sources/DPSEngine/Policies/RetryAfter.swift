import Foundation

/// The delay a `Retry-After` header asks for, in seconds from `now`.
///
/// Accepts both forms of RFC 9110 §10.2.3: delay-seconds (`"120"`; a decimal fraction such as `"1.5"` is
/// tolerated) and an HTTP-date in the RFC 1123 form (`"Sun, 06 Nov 1994 08:49:37 GMT"`; the weekday may be left
/// out, the zone may be `GMT`, `UT`, `UTC`, `Z` or a numeric offset such as `+0100`). A date in the past gives a
/// delay of zero. The obsolete RFC 850 and asctime date forms are not accepted; an unparseable value yields `nil`
/// and the caller falls back to its own backoff.
///
/// A peer's number is bounded before it is used: delay-seconds of more than 32 characters are refused, so the
/// delay is always finite. dpsbulk waits at most ``maximumDelay`` (5 minutes) for a `Retry-After`; a longer one
/// (`10000000000`, `99999999999999999999`, a date in the year 9999) stops the run instead of hanging it or
/// overflowing a duration (see `ServiceCaller`).
public struct RetryAfter: Sendable, Hashable {
    /// The longest `Retry-After` dpsbulk waits for, in seconds (300).
    public static let maximumDelay: TimeInterval = 300

    /// The delay in seconds: finite, never negative, possibly above ``maximumDelay``.
    public let delay: TimeInterval

    /// Parses a header value; `nil` when it is neither delay-seconds nor an RFC 1123 date.
    ///
    /// - Parameters:
    ///   - headerValue: The raw header value.
    ///   - now: The current wall-clock time, which an HTTP-date is measured from.
    public init?(headerValue: String, now: Date) {
        let value = headerValue.trimmingCharacters(in: .whitespaces)
        if let seconds = Self.delaySeconds(value) {
            self.delay = seconds
        } else if let date = Self.httpDate(value) {
            let delay = date.timeIntervalSince(now)
            self.delay = delay.isFinite ? max(0, delay) : 0
        } else {
            return nil
        }
    }

    /// Digits with at most one decimal point, no sign, no exponent.
    private static func delaySeconds(_ value: String) -> TimeInterval? {
        // Longer than any real delay (and than Double reads exactly): refused rather than parsed.
        guard !value.isEmpty, value.utf8.count <= 32, value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            value.filter({ $0 == "." }).count <= 1, value.contains(where: \.isNumber),
            let seconds = Double(value), seconds.isFinite
        else { return nil }
        return seconds
    }

    private static let weekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `[weekday ","] day month year hh:mm:ss zone`, as RFC 1123 §5.2.14 narrows RFC 822 §5.
    private static func httpDate(_ value: String) -> Date? {
        var fields = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        if let first = fields.first, first.hasSuffix(",") {
            guard weekdays.contains(String(first.dropLast())) else { return nil }
            fields.removeFirst()
        }
        guard fields.count == 5,
            let day = number(fields[0], digits: 1...2),
            let month = months.firstIndex(of: fields[1]).map({ $0 + 1 }),
            let year = number(fields[2], digits: 4...4),
            let secondsOfDay = timeOfDay(fields[3]),
            let offset = zoneOffset(fields[4]),
            (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let days = daysSince1970(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + secondsOfDay - offset))
    }

    private static func number(_ text: String, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    private static func timeOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3,
            let hour = number(parts[0], digits: 2...2), hour < 24,
            let minute = number(parts[1], digits: 2...2), minute < 60,
            let second = number(parts[2], digits: 2...2), second < 61
        else { return nil }
        return hour * 3600 + minute * 60 + second
    }

    /// Seconds east of UTC.
    private static func zoneOffset(_ text: String) -> Int? {
        if ["gmt", "ut", "utc", "z"].contains(text) { return 0 }
        guard text.count == 5, let sign = text.first, sign == "+" || sign == "-",
            let hhmm = number(String(text.dropFirst()), digits: 4...4), hhmm % 100 < 60
        else { return nil }
        let seconds = (hhmm / 100) * 3600 + (hhmm % 100) * 60
        return sign == "+" ? seconds : -seconds
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
