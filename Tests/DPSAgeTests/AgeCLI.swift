import Foundation

/// The real `age` and `age-keygen` commands, the judges of interoperability; nil when they are not installed.
struct AgeCLI {
    let age: String
    let keygen: String

    static let installed: AgeCLI? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        func find(_ name: String) -> String? {
            path.split(separator: ":").map { "\($0)/\(name)" }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let age = find("age"), let keygen = find("age-keygen") else {
            print("SKIPPED: the `age` command is not installed (Debian package `age`; .ci/run installs it)")
            return nil
        }
        return AgeCLI(age: age, keygen: keygen)
    }()

    /// Runs a command with `stdin` (from a temporary file), returning its exit status, stdout and stderr.
    @discardableResult
    static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: Data = Data()
    ) throws
        -> (status: Int32, stdout: Data, stderr: String)
    {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("age-in-\(UUID().uuidString)")
        try stdin.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("age-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorText = String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, out, errorText)
    }

    /// A fresh identity file from `age-keygen`, and its public key.
    func newIdentityFile(in directory: URL) throws -> (path: String, recipient: String) {
        let path = directory.appendingPathComponent("key-\(UUID().uuidString).txt").path
        let result = try Self.run(keygen, ["-o", path])
        guard result.status == 0 else { throw CLIError(message: "age-keygen failed: \(result.stderr)") }
        let recipient = try Self.run(keygen, ["-y", path])
        return (path, String(decoding: recipient.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    struct CLIError: Error { let message: String }
}

/// A fresh temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dpsage-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}
