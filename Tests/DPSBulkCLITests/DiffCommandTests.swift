import Foundation
import Testing

/// `dpsbulk diff` between real emulator processes and backup files.
@Suite(.serialized)
struct DiffCommandTests {
    @Test func instancesAndBackupsCompareByIdAndContent() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let a = try EmulatorProcess()
        let b = try EmulatorProcess()
        defer {
            a.stop()
            b.stop()
        }
        for (emulator, name) in [(a, "a"), (b, "b")] {
            let imported = try CLIRunner.run(
                [
                    "import", "--quiet", "--journal", directory.appendingPathComponent("\(name).journal").path,
                    "samples/mixed.jsonl",
                ],
                environment: ["DPS_CONNECTION_STRING": emulator.connectionString]
            )
            #expect(imported.status == 0, "\(imported.stdout)")
        }
        let aFile = directory.appendingPathComponent("a.conn").path
        let bFile = directory.appendingPathComponent("b.conn").path
        try a.connectionString.write(toFile: aFile, atomically: true, encoding: .utf8)
        try b.connectionString.write(toFile: bFile, atomically: true, encoding: .utf8)
        let same = try CLIRunner.run(
            ["diff", "--source-connection-string-file", aFile, "--target-connection-string-file", bFile])
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        #expect(same.stdout.contains("5 same, 0 different, 0 missing in target, 0 only in target"))

        // Change one enrollment in B, add one, and compare B with a backup of A.
        let changed = directory.appendingPathComponent("changed.csv")
        try
            "registrationId,attestation,provisioningStatus\nsym-line5-000601,symmetricKey,disabled\nnew-1,symmetricKey,\n"
            .write(to: changed, atomically: true, encoding: .utf8)
        let upsert = try CLIRunner.run(
            [
                "import", "--quiet", "--mode", "upsert", "--journal",
                directory.appendingPathComponent("c.journal").path,
                changed.path,
            ],
            environment: ["DPS_CONNECTION_STRING": b.connectionString]
        )
        #expect(upsert.status == 0, "\(upsert.stdout)")
        let backup = directory.appendingPathComponent("a-backup.jsonl").path
        #expect(
            try CLIRunner.run(
                ["export", "--groups", "--out", backup],
                environment: ["DPS_CONNECTION_STRING": a.connectionString]
            )
            .status == 0
        )
        let differ = try CLIRunner.run(["diff", "--source", backup, "--target-connection-string-file", bFile])
        #expect(differ.status == 1)
        #expect(differ.stdout.contains("different:         enrollment sym-line5-000601"))
        #expect(differ.stdout.contains("provisioningStatus"))
        #expect(differ.stdout.contains("only in target:    enrollment new-1"))
        #expect(differ.stdout.contains("4 same, 1 different, 0 missing in target, 1 only in target"))
        let reverse = try CLIRunner.run(["diff", "--source-connection-string-file", bFile, "--target", backup])
        #expect(reverse.stdout.contains("missing in target: enrollment new-1"))
        #expect(try CLIRunner.run(["diff", "--source", backup]).status == 2)
    }

    /// After `migrate --map-hub OLD=NEW`, `diff --map-hub OLD=NEW` compares the source as it was copied.
    @Test func mapHubComparesTheSourceAsMigrateCopiedIt() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let source = directory.appendingPathComponent("source.jsonl")
        let target = directory.appendingPathComponent("target.jsonl")
        let item = #"{"registrationId":"dev-1","attestation":{"type":"symmetricKey","symmetricKey":{}},"#
        try (item + #""iotHubHostName":"Old-Hub.azure-devices.net","iotHubs":["old-hub.azure-devices.net"]}"#)
            .write(to: source, atomically: true, encoding: .utf8)
        try (item + #""iotHubHostName":"new-hub.azure-devices.net","iotHubs":["new-hub.azure-devices.net"]}"#)
            .write(to: target, atomically: true, encoding: .utf8)
        let plain = try CLIRunner.run(["diff", "--source", source.path, "--target", target.path])
        #expect(plain.status == 1 && plain.stdout.contains("iotHubHostName"), "\(plain.stdout)\(plain.stderr)")
        let mapped = try CLIRunner.run([
            "diff", "--source", source.path, "--target", target.path,
            "--map-hub", "old-hub.azure-devices.net=new-hub.azure-devices.net",
        ])
        #expect(mapped.status == 0, "\(mapped.stdout)\(mapped.stderr)")
        #expect(mapped.stdout.contains("1 same, 0 different"))
        let bad = try CLIRunner.run(["diff", "--source", source.path, "--target", target.path, "--map-hub", "old"])
        #expect(bad.status == 2 && bad.stderr.contains("--map-hub"), "\(bad.stderr)")
    }
}
