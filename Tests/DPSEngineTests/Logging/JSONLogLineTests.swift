import DPSEngine
import Foundation
import Logging
import Synchronization
import Testing

/// One log record, one line of JSON: key order, RFC 3339 time, escaping, nested fields.
struct JSONLogLineTests {
    static let time = Date(timeIntervalSince1970: 1_796_426_410.125)

    @Test func aRecordIsOneObjectWithItsKeysInOrder() {
        let line = JSONLogLine.encode(
            time: Self.time,
            level: .warning,
            label: "dpsbulk",
            message: "a connection string on the command line is visible",
            fields: ["exit_status": "2"]
        )
        #expect(
            line == #"{"time":"2026-12-04T23:20:10.125Z","level":"warning","label":"dpsbulk","#
                + #""message":"a connection string on the command line is visible","fields":{"exit_status":"2"}}"#
        )
    }

    @Test(arguments: [
        ("quote \" and backslash \\", #""quote \" and backslash \\""#),
        ("line\nfeed\rreturn\ttab", #""line\nfeed\rreturn\ttab""#),
        ("\u{1B}[31mred\u{07}", #""\u001b[31mred\u0007""#),
        ("nul \u{0} del \u{7F} c1 \u{85}", #""nul \u0000 del \u007f c1 \u0085""#),
        ("separators \u{2028}\u{2029}", #""separators \u2028\u2029""#),
        ("ünïcödé ✓ 🚀", "\"ünïcödé ✓ 🚀\""),
    ])
    func stringsAreEscapedOntoOneLine(text: String, encoded: String) throws {
        let line = JSONLogLine.encode(time: Self.time, level: .info, label: "l", message: text, fields: [:])
        #expect(line.contains(#""message":"# + encoded + ","))
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
        #expect(try Self.object(line)["message"] as? String == text)
    }

    @Test func fieldsNestAsTheyAreWithSortedKeys() throws {
        let fields: Logger.Metadata = [
            "b": "plain",
            "a": .dictionary(["inner": .array(["1", .dictionary(["deep": "\u{1B}"])])]),
            "c": .stringConvertible(42),
        ]
        let line = JSONLogLine.encode(time: Self.time, level: .error, label: "l", message: "m", fields: fields)
        #expect(line.hasSuffix(#""fields":{"a":{"inner":["1",{"deep":"\u001b"}]},"b":"plain","c":"42"}}"#))
        let decoded = try #require(try Self.object(line)["fields"] as? [String: Any])
        let inner = try #require((decoded["a"] as? [String: Any])?["inner"] as? [Any])
        #expect((inner[1] as? [String: String])?["deep"] == "\u{1B}")
    }

    @Test(arguments: [
        (Date(timeIntervalSince1970: 0), "1970-01-01T00:00:00.000Z"),
        (Date(timeIntervalSince1970: 1_796_426_410.5), "2026-12-04T23:20:10.500Z"),
    ])
    func timeIsRFC3339InUTCWithMilliseconds(time: Date, text: String) {
        #expect(JSONLogLine.timestamp(time) == text)
    }

    @Test func theHandlerWritesOneLinePerRecordWithItsMetadata() throws {
        let lines = Lines()
        var logger = Logger(label: "dpsbulk.test") { JSONLogHandler(label: $0, write: lines.append) }
        logger[metadataKey: "run"] = "nightly"
        logger.debug("not shown")
        logger.info("progress", metadata: ["done": "5"])
        let written = lines.all
        #expect(written.count == 1)
        #expect(written.first?.hasSuffix("\n") == true)
        let object = try Self.object(String(written.first?.dropLast() ?? ""))
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "dpsbulk.test")
        #expect(object["fields"] as? [String: String] == ["run": "nightly", "done": "5"])
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}

/// Lines written by a handler under test.
final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
