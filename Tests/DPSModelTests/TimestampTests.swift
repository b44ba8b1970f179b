import Foundation
import Testing

@testable import DPSModel

struct TimestampTests {
    @Test(arguments: [
        ("2021-10-01T17:42:04Z", 1_633_110_124.0),
        ("2021-10-01T17:42:04.7Z", 1_633_110_124.7),
        ("2021-10-01T17:42:04.76Z", 1_633_110_124.76),
        ("2021-10-01T17:42:04.760Z", 1_633_110_124.76),
        ("2021-10-01T17:42:04.7236346Z", 1_633_110_124.7236346),
        ("2021-10-01T17:42:04.123456789Z", 1_633_110_124.123456789),
        ("2021-10-01T19:42:04+02:00", 1_633_110_124.0),
        ("2021-10-01T17:42:04", 1_633_110_124.0),
        ("1970-01-01T00:00:00Z", 0),
        ("2000-02-29T00:00:00Z", 951_782_400),
    ])
    func parses(text: String, seconds: Double) throws {
        let timestamp = try #require(Timestamp(text))
        #expect(abs(timestamp.date.timeIntervalSince1970 - seconds) < 1e-6)
        #expect(timestamp.rawValue == text)
    }

    @Test(arguments: [
        "", "2021-10-01", "2021-10-01T17:42:04.Z", "2021-10-01T17:42:04.1234567890Z", "2021-13-01T00:00:00Z",
        "2021-10-01T25:00:00Z", "2021-10-01T17:42:04Zjunk", "21-10-01T17:42:04Z",
    ])
    func rejects(text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test func nineDigitsSurviveARoundTrip() throws {
        let json = Data(#"{"t":"2021-10-01T17:42:04.123456789Z"}"#.utf8)
        let decoded = try JSONDecoder().decode([String: Timestamp].self, from: json)
        #expect(try JSONEncoder().encode(decoded) == json)
    }

    @Test func formatsLikeTheService() throws {
        let timestamp = Timestamp(Date(timeIntervalSince1970: 1_633_110_124.5))
        #expect(timestamp.rawValue == "2021-10-01T17:42:04.5000000Z")
        #expect(Timestamp(timestamp.rawValue)?.date == timestamp.date)
    }
}
