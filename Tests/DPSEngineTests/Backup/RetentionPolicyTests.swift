import DPSEngine
import Foundation
import Testing

struct RetentionPolicyTests {
    static let pattern = try! BackupPattern(template: "/b/{host}-{date}.jsonl.gz.age", host: "dps")

    static func matches(_ names: [String]) -> [BackupPattern.Match] {
        names.compactMap { pattern.match(name: $0) }.sorted { $0.stamp < $1.stamp }
    }

    @Test(arguments: [
        ("dps-2026-12-01.jsonl.gz.age", true),
        ("dps-2026-12-01.jsonl.gz.age.sha256", false),
        ("dps-2026-12-01.jsonl.gz.age.partial", false),
        ("other-2026-12-01.jsonl.gz.age", false),
        ("dps-latest.jsonl.gz.age", false),
        ("dps-2026-1-01.jsonl.gz.age", false),
        ("dps-2026-12-01.jsonl.gz", false),
    ])
    func onlyNamesOfTheSeriesMatch(name: String, matches: Bool) {
        #expect((Self.pattern.match(name: name) != nil) == matches)
    }

    @Test func keepCountsTheNewBackupAndRemovesTheOldestFirst() throws {
        let existing = Self.matches([
            "dps-2026-12-03.jsonl.gz.age", "dps-2026-12-01.jsonl.gz.age",
            "dps-2026-12-04.jsonl.gz.age", "dps-2026-12-02.jsonl.gz.age",
        ])
        let policy = try RetentionPolicy(keep: 2, keepDays: nil)
        let removed = policy.toRemove(existing, newest: "/b/dps-2026-12-04.jsonl.gz.age", now: Date())
        #expect(removed.map(\.path) == ["/b/dps-2026-12-01.jsonl.gz.age", "/b/dps-2026-12-02.jsonl.gz.age"])
    }

    @Test func keepDaysRemovesOnlyBackupsDatedMoreThanDDaysBeforeToday() throws {
        let existing = Self.matches([
            "dps-2026-11-26.jsonl.gz.age", "dps-2026-11-27.jsonl.gz.age",
            "dps-2026-12-04.jsonl.gz.age",
        ])
        let now = ISO8601DateFormatter().date(from: "2026-12-04T22:00:00Z")!
        let removed = try RetentionPolicy(keep: nil, keepDays: 7)
            .toRemove(existing, newest: "/b/dps-2026-12-04.jsonl.gz.age", now: now)
        #expect(removed.map(\.path) == ["/b/dps-2026-11-26.jsonl.gz.age"])
    }

    @Test func theNewBackupIsNeverRemoved() throws {
        let existing = Self.matches(["dps-2020-01-01.jsonl.gz.age"])
        let removed = try RetentionPolicy(keep: 1, keepDays: 1)
            .toRemove(existing, newest: "/b/dps-2020-01-01.jsonl.gz.age", now: Date())
        #expect(removed.isEmpty)
    }

    @Test func limitsUnderOneAreRefused() {
        #expect(throws: BackupPatternError.self) { try RetentionPolicy(keep: 0, keepDays: nil) }
        #expect(throws: BackupPatternError.self) { try RetentionPolicy(keep: nil, keepDays: 0) }
    }

    @Test func aTemplateWithoutDateOrTimeIsNotASeries() throws {
        #expect(try !BackupPattern(template: "/b/fixed.jsonl", host: "h").isSeries)
        #expect(try BackupPattern(template: "/b/x-{time}.jsonl", host: "h").isSeries)
        #expect(throws: BackupPatternError.self) { try BackupPattern(template: "/b/{date}/x.jsonl", host: "h") }
    }
}
