import DPSJournal
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh temporary directory, removed when the test ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dpsjournal-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

enum Fixture {
    static let digestA = String(repeating: "a", count: 64)
    static let digestB = String(repeating: "b", count: 63) + "c"
    static let host = "my-dps.azure-devices-provisioning.net"

    static func run(
        digest: String = digestA,
        host: String = host,
        mode: RunMode = .create,
        options: String = #"{"batchSize":10}"#
    ) throws -> RunDescriptor {
        try RunDescriptor(
            manifestPath: "enrollments.csv",
            manifestSHA256: digest,
            targetHost: TargetHost(host),
            mode: mode,
            options: options,
            dpsbulkVersion: "0.1.0"
        )
    }

    /// Records `range`, every ordinal where `skipEvery` divides it skipped.
    static func records(_ range: Range<Int>, skipEvery: Int? = nil) -> [NewRecord] {
        range.map { ordinal in
            let skipped = skipEvery.map { ordinal % $0 == 0 } ?? false
            return NewRecord(
                ordinal: ordinal,
                line: ordinal + 2,
                identifier: "device-\(ordinal)",
                kind: ordinal % 10 == 9 ? .group : .enrollment,
                disposition: skipped ? .skipped(reason: "registrationId: invalid character") : .pending
            )
        }
    }
}

/// Runs a command and returns its exit status and standard output.
@discardableResult
func runCommand(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The sqlite3 command-line shell, when installed: an independent reader of journal files.
let sqlite3Path: String? = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// Runs `sql` on `database` with the sqlite3 shell; returns its exit status and output.
func sqlite3(_ database: String, _ sql: String) throws -> (status: Int32, output: String) {
    try runCommand(sqlite3Path!, ["-batch", "-bail", database, sql])
}
