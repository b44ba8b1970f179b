import Foundation

/// A `dpsbulk emulator` child process on a free port, stopped when the test is done.
final class EmulatorProcess: @unchecked Sendable {
    let process = Process()
    let connectionString: String

    init(arguments: [String] = []) throws {
        process.executableURL = CLIRunner.binary
        process.arguments = ["emulator", "--port", "0", "--log-level", "error"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        let deadline = Date().addingTimeInterval(20)
        while !buffer.contains(0x0A) && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += chunk
        }
        let line = String(decoding: buffer, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard line.hasPrefix("HostName=") else {
            process.terminate()
            throw CocoaError(.executableLoad)
        }
        connectionString = line
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}
