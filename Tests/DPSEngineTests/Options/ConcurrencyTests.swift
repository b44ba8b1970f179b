import DPSEngine
import Foundation
import Testing

struct ConcurrencyTests {
    @Test func theDefaultIsFourAndWithinTheAllowedRange() {
        #expect(Concurrency.default.value == 4)
        #expect(Concurrency.allowed.contains(Concurrency.default.value))
    }

    @Test(arguments: [("1", 1), ("4", 4), ("64", 64), ("017", 17)])
    func parsesAWholeNumberWithinTheRange(text: String, expected: Int) throws {
        #expect(try Concurrency(parsing: text).value == expected)
    }

    @Test(arguments: ["0", "65", "-1", "", "auto", "4.0", "many"])
    func refusesAnythingElse(text: String) {
        #expect(throws: OptionValueError(.concurrency, "")) { try Concurrency(parsing: text) }
    }

    @Test func theErrorNamesTheRange() {
        #expect {
            try Concurrency(100)
        } throws: { error in
            (error as? OptionValueError)?.message == "must be between 1 and 64, not 100"
        }
    }

    @Test func decodingChecksTheRangeToo() throws {
        #expect(try JSONDecoder().decode([Concurrency].self, from: Data("[8]".utf8)) == [try Concurrency(8)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Concurrency].self, from: Data("[0]".utf8)) }
    }
}
