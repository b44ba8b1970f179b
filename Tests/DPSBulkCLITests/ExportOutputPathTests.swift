import Foundation
import Testing

/// Where `dpsbulk export --out` writes: missing directories are created; a path that cannot be written is one
/// sentence naming it, with exit 2.
@Suite(.serialized)
struct ExportOutputPathTests {
    @Test func missingParentDirectoriesAreCreated() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let emulator = try EmulatorProcess()
        defer { emulator.stop() }
        let template = directory.appendingPathComponent("backups/nightly/{host}-{date}.jsonl").path
        let result = try CLIRunner.run(
            [
                "export", "--quiet", "--groups", "--out", template, "--registrations",
                directory.appendingPathComponent("states/{date}.jsonl").path,
            ],
            environment: ["DPS_CONNECTION_STRING": emulator.connectionString]
        )
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let written = try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("backups/nightly").path
        )
        #expect(written.contains { $0.hasSuffix(".jsonl") } && written.contains { $0.hasSuffix(".jsonl.sha256") })
        #expect(
            try !FileManager.default.contentsOfDirectory(
                atPath: directory.appendingPathComponent("states").path
            ).isEmpty
        )
    }

    @Test func anUnwritablePathIsASentenceNamingItAndExit2() throws {
        let directory = try CLIRunner.temporaryDirectory()
        // A regular file where a directory should be: refused even for root, unlike a permission bit.
        let blocker = directory.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        let out = blocker.appendingPathComponent("backup.jsonl").path
        let result = try CLIRunner.run(["export", "--emulator", "--quiet", "--out", out])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("cannot create the directory \(blocker.path)"), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("Code="))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
