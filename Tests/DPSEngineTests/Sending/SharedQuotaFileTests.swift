import Foundation
import Testing

@testable import DPSEngine

/// ``SharedQuotaFile``: the state file and its lock, on real files.
struct SharedQuotaFileTests {
    static func directory() throws -> SharedQuotaDirectory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quota-\(UUID().uuidString)")
        return SharedQuotaDirectory(path: url.appendingPathComponent("state/quota").path)
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func theFolderIsTheOwnersAndTheFilesToo() throws {
        let directory = try Self.directory()
        let file = try SharedQuotaFile(directory: directory, instance: "127.0.0.1:8443")
        let (slot, reading) = try file.update(now: 10) {
            $0.reserve(now: 10, fixedOperationsPerMinute: nil)
        }
        #expect(slot == 10 && reading == .fresh)
        #expect(file.statePath == directory.path + "/127.0.0.1_8443.json")
        #expect(try Self.mode(directory.path) == 0o700)
        #expect(try Self.mode(file.statePath) == 0o600)
        #expect(try Self.mode(directory.path + "/127.0.0.1_8443.lock") == 0o600)
        // The next change continues the state the first one wrote.
        let (next, again) = try file.update(now: 10) {
            $0.reserve(now: 10, fixedOperationsPerMinute: nil)
        }
        #expect(again == .continued && abs(next - 10.06) < 1e-9)
    }

    @Test func aDamagedOrHugeStateIsReplacedAndReadOnlyInPart() throws {
        let directory = try Self.directory()
        let file = try SharedQuotaFile(directory: directory, instance: "dps.example")
        // A sparse file claiming a gigabyte: read no further than the limit.
        _ = FileManager.default.createFile(atPath: file.statePath, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file.statePath))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let (_, reading) = try file.update(now: 5) { _ in () }
        guard case .damaged = reading else {
            Issue.record("read as \(reading)")
            return
        }
        let (_, after) = try file.update(now: 5) { _ in () }
        #expect(after == .continued)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.statePath)).count < 1000)
    }

    @Test func aStateOfANewerDpsbulkIsLeftAlone() throws {
        let directory = try Self.directory()
        let file = try SharedQuotaFile(directory: directory, instance: "dps.example")
        let newer = Data(#"{"version":7}"#.utf8)
        try newer.write(to: URL(fileURLWithPath: file.statePath))
        #expect(throws: SharedQuotaFileError.self) { try file.update(now: 5) { _ in () } }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.statePath)) == newer)
    }

    @Test func aLockHeldTooLongIsGivenUpOn() throws {
        let directory = try Self.directory()
        let file = try SharedQuotaFile(directory: directory, instance: "dps.example", lockTimeout: .milliseconds(200))
        let holder = open(directory.path + "/dps.example.lock", O_RDWR)
        defer { close(holder) }
        #expect(flock(holder, LOCK_EX) == 0)
        #expect(throws: SharedQuotaFileError.self) { try file.update(now: 5) { _ in () } }
        flock(holder, LOCK_UN)
        #expect(try file.update(now: 5) { _ in () }.reading == .fresh)
    }

    @Test func aProcessKilledWhileHoldingTheLockBlocksNoOne() throws {
        let directory = try Self.directory()
        let file = try SharedQuotaFile(directory: directory, instance: "dps.example", lockTimeout: .seconds(10))
        // flock(1) holds the lock while its child sleeps; killing both with SIGKILL releases it.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["--no-fork", directory.path + "/dps.example.lock", "sleep", "60"]
        try holder.run()
        let probe = open(directory.path + "/dps.example.lock", O_RDWR)
        defer { close(probe) }
        var held = false
        for _ in 0..<200 where !held {
            if flock(probe, LOCK_EX | LOCK_NB) == 0 {
                flock(probe, LOCK_UN)
                usleep(10_000)
            } else {
                held = true
            }
        }
        #expect(held)
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try file.update(now: 5) { _ in () }.reading == .fresh)
        #expect(clock.now - started < .seconds(5))
    }
}
