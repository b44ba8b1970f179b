import DPSJournal
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A copy of this test binary running one ``ChildProcessEntry`` mode: a real second process that
/// opens journals with the real library code, so locking and crashes are tested across processes.
final class ChildProcess {
    static let modeVariable = "DPSJOURNAL_TEST_CHILD_MODE"
    static let journalVariable = "DPSJOURNAL_TEST_CHILD_JOURNAL"
    static let outputVariable = "DPSJOURNAL_TEST_CHILD_OUTPUT"

    /// The running test binary; Linux only (macOS runs tests inside a helper).
    static let executable: String? = {
        #if os(Linux)
        return try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #else
        return nil
        #endif
    }()

    /// Whether this platform can spawn the test binary as a child.
    static var isSupported: Bool { executable != nil }

    let process = Process()
    /// The file the child reports to, one line per event.
    let outputPath: String

    /// Starts the child in `mode` on `journal`.
    init(mode: String, journal: String, output: String) throws {
        outputPath = output
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.executableURL = URL(fileURLWithPath: Self.executable!)
        process.arguments = ["--testing-library", "swift-testing", "--filter", "ChildProcessEntry"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.modeVariable] = mode
        environment[Self.journalVariable] = journal
        environment[Self.outputVariable] = output
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var pid: Int32 { process.processIdentifier }

    /// The lines the child reported so far.
    func lines() -> [String] {
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Waits until a reported line satisfies `predicate` (or the child exits, or 60 s pass).
    @discardableResult
    func waitForLine(where predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let line = lines().first(where: predicate) { return line }
            if !process.isRunning { return lines().first(where: predicate) }
            usleep(2_000)
        }
        return nil
    }

    /// Waits until the child reported at least `count` lines (or exited); returns how many it did.
    func waitForLineCount(_ count: Int) -> Int {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let current = lines().count
            if current >= count || !process.isRunning { return current }
            usleep(500)
        }
        return lines().count
    }

    /// Kills the child with SIGKILL and waits for it.
    func killAndWait() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for the child to exit and returns its status.
    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Appends a line to the child's report file (no buffering: it must survive a SIGKILL).
func report(_ line: String, to path: String) {
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
    guard fd >= 0 else { return }
    let data = Array((line + "\n").utf8)
    _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}
