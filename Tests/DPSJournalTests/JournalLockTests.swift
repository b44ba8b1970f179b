import DPSJournal
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct JournalLockTests {
    @Test func aSecondOpenInTheSameProcessIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let journal = try Journal.open(at: path, run: Fixture.run())
        do {
            _ = try Journal.open(at: path, run: Fixture.run())
            Issue.record("a second open succeeded")
        } catch let error as JournalError {
            #expect(error.code == .journalInUse)
            #expect(error.message.hasPrefix("journal \(path) is in use by dpsbulk pid \(getpid()) on host "))
            #expect(error.message.contains(" since "))
        }
        try journal.close()
        try Journal.open(at: path, run: Fixture.run()).close()
    }

    @Test func writesAndClearsTheHolderDetails() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let now = try Date("2026-11-21T20:10:00Z", strategy: .iso8601)
        let lock = try JournalLock.acquire(forJournalAt: path, program: "dpsbulk", now: now)
        let lockPath = JournalLock.lockPath(forJournalAt: path)
        #expect(lockPath == path + ".lock")
        let text = try String(contentsOfFile: lockPath, encoding: .utf8)
        #expect(text.contains(#""pid":\#(getpid())"#))
        #expect(text.contains(#""since":"2026-11-21T20:10:00Z""#))
        #expect(lock.holder.description.hasSuffix("since 2026-11-21T20:10:00Z"))
        lock.release()
        #expect(!lock.isHeld)
        #expect(try String(contentsOfFile: lockPath, encoding: .utf8).isEmpty)
        lock.release()
    }

    @Test func staleHolderDetailsDoNotBlock() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        // Details left by a process that died: the file is there, no process holds its lock.
        let stale = #"{"host":"factory-01","pid":999999,"program":"dpsbulk","since":"2026-11-21T20:10:00Z"}"#
        try Data(stale.utf8).write(to: URL(fileURLWithPath: JournalLock.lockPath(forJournalAt: path)))
        let journal = try Journal.open(at: path, run: Fixture.run())
        #expect(journal.lock?.holder.pid == getpid())
        let text = try String(contentsOfFile: JournalLock.lockPath(forJournalAt: path), encoding: .utf8)
        #expect(!text.contains("999999"))
        try journal.close()
    }

    @Test(.enabled(if: ChildProcess.isSupported))
    func anotherProcessIsRefusedAndNamesTheHolder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let holder = try ChildProcess(mode: "hold", journal: path, output: directory.path("holder.out"))
        let line = try #require(holder.waitForLine { $0.hasPrefix("holding") })
        #expect(line == "holding \(holder.pid)")

        do {
            _ = try Journal.open(at: path, run: Fixture.run())
            Issue.record("opened a journal held by another process")
        } catch let error as JournalError {
            #expect(error.code == .journalInUse)
            #expect(error.message.hasPrefix("journal \(path) is in use by dpsbulk pid \(holder.pid) on host "))
            #expect(
                error.message.range(of: #" since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil
            )
        }

        // The holder dies without cleaning up: the kernel drops its lock, nothing stale blocks.
        holder.killAndWait()
        let journal = try Journal.open(at: path, run: Fixture.run())
        #expect(journal.resumption?.sessionCount == 2)
        try journal.close()
    }

    @Test(.enabled(if: ChildProcess.isSupported))
    func anotherProcessIsRefusedWhileThisOneHolds() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let journal = try Journal.open(at: path, run: Fixture.run())
        let refused = try ChildProcess(mode: "open", journal: path, output: directory.path("refused.out"))
        #expect(refused.wait() == 0)
        let line = try #require(refused.lines().first)
        #expect(line.hasPrefix("refused journalInUse journal \(path) is in use by dpsbulk pid \(getpid()) on host "))
        try journal.close()

        let allowed = try ChildProcess(mode: "open", journal: path, output: directory.path("allowed.out"))
        #expect(allowed.wait() == 0)
        #expect(allowed.lines() == ["opened"])
    }

    /// The lock is a real `flock`: the util-linux `flock` tool sees it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func isAnOSLevelFlock() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let lockPath = JournalLock.lockPath(forJournalAt: path)
        let journal = try Journal.open(at: path, run: Fixture.run())
        #expect(
            try runCommand("/usr/bin/flock", ["--nonblock", "--conflict-exit-code", "75", lockPath, "true"]).status
                == 75
        )
        try journal.close()
        #expect(
            try runCommand("/usr/bin/flock", ["--nonblock", "--conflict-exit-code", "75", lockPath, "true"]).status == 0
        )
    }
}
