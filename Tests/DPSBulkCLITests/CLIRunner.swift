import Foundation

/// Runs the built `dpsbulk` binary and captures its exit status and output.
struct CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The repository root (the folder holding Package.swift).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `dpsbulk` executable beside the test bundle.
    static let binary: URL = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("dpsbulk")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/dpsbulk")
    }()

    /// The environment every run starts from: this process's, with `XDG_STATE_HOME` in a folder of this test run's
    /// own, so that the shared quota state of runs that do not set `DPSBULK_HOME` stays out of the tester's home.
    static let baseEnvironment: [String: String] = {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("dpsbulk-cli-tests-\(getpid())")
        return ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": state.path]) { $1 }
    }()

    /// Runs `dpsbulk` with `arguments` in the repository root.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let captured = try execute(
            binary,
            arguments,
            environment: baseEnvironment.merging(environment) { $1 }
        )
        return Result(
            status: captured.status,
            stdout: String(decoding: captured.stdout, as: UTF8.self),
            stderr: String(decoding: captured.stderr, as: UTF8.self)
        )
    }

    /// Runs `executable` in the repository root with `stdin` as its input (from a file, so any size is fine) and
    /// returns its exit status and raw output.
    static func execute(
        _ executable: URL,
        _ arguments: [String],
        stdin: Data? = nil,
        environment: [String: String]? = nil
    ) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        if let environment { process.environment = environment }
        var input: URL?
        defer { if let input { try? FileManager.default.removeItem(at: input) } }
        if let stdin {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("stdin-\(UUID().uuidString)")
            try stdin.write(to: file)
            input = file
            process.standardInput = try FileHandle(forReadingFrom: file)
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently with the process so large outputs cannot block it.
        let stdoutData = LockedData()
        let stderrData = LockedData()
        let group = DispatchGroup()
        for (pipe, sink) in [(out, stdoutData), (err, stderrData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        process.waitUntilExit()
        group.wait()
        return (process.terminationStatus, stdoutData.get(), stderrData.get())
    }

    /// `dpsbulk` started in the background with its output captured (for tests that signal it, then read what it
    /// printed).
    struct Running: @unchecked Sendable {  // its Process is waited for on another thread, never shared
        let process: Process
        private let stdout: LockedData
        private let stderr: LockedData
        private let readers: DispatchGroup

        init(_ arguments: [String], environment: [String: String]) throws {
            process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = repositoryRoot
            process.environment = baseEnvironment.merging(environment) { $1 }
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            stdout = LockedData()
            stderr = LockedData()
            readers = DispatchGroup()
            for (pipe, sink) in [(out, stdout), (err, stderr)] {
                readers.enter()
                DispatchQueue.global().async { [readers] in
                    sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                    readers.leave()
                }
            }
        }

        /// Waits for the process to end and returns its status and output, on a thread of its own: a test blocked in
        /// `waitUntilExit` holds one of Swift's cooperative threads (two on a 2-core machine), and two such waits
        /// starve every other test of the process (in-process emulators stop answering, timeouts expire).
        func finish() async -> Result {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread { continuation.resume(returning: self.finishBlocking()) }
            }
        }

        private func finishBlocking() -> Result {
            process.waitUntilExit()
            readers.wait()
            return Result(
                status: process.terminationStatus,
                stdout: String(decoding: stdout.get(), as: UTF8.self),
                stderr: String(decoding: stderr.get(), as: UTF8.self)
            )
        }
    }

    /// Starts `dpsbulk` in the background with its output discarded (for tests that kill or interrupt it).
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = baseEnvironment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dpsbulk-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
