import DPSEngine
import Foundation
import Testing

struct PaceTests {
    @Test(arguments: [
        ("auto", Pace.auto), ("AUTO", .auto), ("Auto", .auto), ("1", .perMinute(1)), ("1000", .perMinute(1000)),
        ("250000", .perMinute(250_000)),
    ])
    func parsesAutoOrAPositiveNumber(text: String, expected: Pace) throws {
        #expect(try Pace(parsing: text) == expected)
    }

    @Test(arguments: ["", "0", "-5", "fast", "12.5", " 10", "auto10", "1e3"])
    func refusesAnythingElse(text: String) {
        #expect(throws: OptionValueError(.pace, "")) { try Pace(parsing: text) }
    }

    @Test func autoHasNoFixedRateAndANumberIsThatRate() throws {
        #expect(Pace.auto.operationsPerMinute == nil)
        #expect(try Pace(parsing: "600").operationsPerMinute == 600)
    }

    @Test(arguments: [Pace.auto, .perMinute(42)])
    func roundTripsThroughItsTextAndJSON(pace: Pace) throws {
        #expect(try Pace(parsing: pace.description) == pace)
        let data = try JSONEncoder().encode([pace])
        #expect(try JSONDecoder().decode([Pace].self, from: data) == [pace])
    }

    @Test func isWrittenInJSONAsTheOptionIsGiven() throws {
        let text = String(decoding: try JSONEncoder().encode([Pace.auto, .perMinute(60)]), as: UTF8.self)
        #expect(text == #"["auto","60"]"#)
    }
}
