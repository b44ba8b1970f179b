import DPSAge
import Foundation
import Testing

/// The real `age` command is the judge: what dpsbulk writes it decrypts, what it writes dpsbulk decrypts.
@Suite(.enabled(if: AgeCLI.installed != nil, "the `age` command is not installed (Debian package `age`)"))
struct AgeInteropTests {
    static let sizes = [0, 1, 65_535, 65_536, 65_537, 131_072, 200_001]

    @Test(arguments: sizes)
    func filesDpsbulkEncryptsDecryptWithTheAgeCommand(size: Int) throws {
        let cli = try #require(AgeCLI.installed)
        try withTemporaryDirectory { directory in
            let key = try cli.newIdentityFile(in: directory)
            let plaintext = testBytes(size)
            let file = try encrypt(plaintext, to: [try AgeRecipient(key.recipient)])
            let result = try AgeCLI.run(cli.age, ["-d", "-i", key.path], stdin: Data(file))
            #expect(result.status == 0, "age -d failed: \(result.stderr)")
            #expect(Array(result.stdout) == plaintext)
        }
    }

    @Test(arguments: sizes)
    func filesTheAgeCommandEncryptsDecryptWithDpsbulk(size: Int) throws {
        let cli = try #require(AgeCLI.installed)
        try withTemporaryDirectory { directory in
            let key = try cli.newIdentityFile(in: directory)
            let plaintext = testBytes(size)
            let result = try AgeCLI.run(cli.age, ["-r", key.recipient], stdin: Data(plaintext))
            #expect(result.status == 0, "age -r failed: \(result.stderr)")
            let identities = try AgeIdentity.parseFile(String(contentsOfFile: key.path, encoding: .utf8), source: "key")
            #expect(try decrypt(Array(result.stdout), with: identities) == plaintext)
        }
    }

    @Test func keysMatchAgeKeygen() throws {
        let cli = try #require(AgeCLI.installed)
        try withTemporaryDirectory { directory in
            let key = try cli.newIdentityFile(in: directory)
            let identities = try AgeIdentity.parseFile(String(contentsOfFile: key.path, encoding: .utf8), source: "key")
            #expect(identities.count == 1)
            #expect(identities[0].recipient.description == key.recipient)
            // And an identity dpsbulk generates is one age-keygen derives the same recipient from.
            let mine = AgeIdentity.generate()
            let path = directory.appendingPathComponent("mine.txt").path
            try (mine.secretText + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let derived = try AgeCLI.run(cli.keygen, ["-y", path])
            #expect(
                String(decoding: derived.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    == mine.recipient.description
            )
        }
    }

    @Test func aFileForSeveralRecipientsDecryptsWithEachOfThem() throws {
        let cli = try #require(AgeCLI.installed)
        try withTemporaryDirectory { directory in
            let first = try cli.newIdentityFile(in: directory)
            let second = try cli.newIdentityFile(in: directory)
            let plaintext = testBytes(70_000)
            let recipients = [try AgeRecipient(first.recipient), try AgeRecipient(second.recipient)]
            let file = try encrypt(plaintext, to: recipients)
            for key in [first, second] {
                let result = try AgeCLI.run(cli.age, ["-d", "-i", key.path], stdin: Data(file))
                #expect(result.status == 0, "age -d failed: \(result.stderr)")
                #expect(Array(result.stdout) == plaintext)
            }
        }
    }

    @Test func aByteTamperedAnywhereInAnAgeCommandFileIsRefused() throws {
        let cli = try #require(AgeCLI.installed)
        try withTemporaryDirectory { directory in
            let key = try cli.newIdentityFile(in: directory)
            let identities = try AgeIdentity.parseFile(String(contentsOfFile: key.path, encoding: .utf8), source: "key")
            let plaintext = testBytes(150_000)
            let file = Array(try AgeCLI.run(cli.age, ["-r", key.recipient], stdin: Data(plaintext)).stdout)
            let headerEnd = file.firstRange(of: Array("\n---".utf8))!.upperBound
            // A byte in a stanza, in the MAC, in the nonce, in the first, second and last chunk, and the final tag.
            for offset in [40, headerEnd + 5, headerEnd + 50, headerEnd + 100, headerEnd + 70_000, file.count - 1] {
                var tampered = file
                tampered[offset] ^= 0x01
                #expect(throws: AgeError.self, "a flipped byte at \(offset) of \(file.count) was accepted") {
                    try decrypt(tampered, with: identities)
                }
            }
            // Cut at a chunk boundary (a valid-looking prefix): the missing last-chunk flag gives it away.
            let firstChunkEnd = file.count - (150_000 - 65_536 * 2 + 16) - (65_536 + 16)
            #expect(throws: AgeError.self) { try decrypt(Array(file[..<firstChunkEnd]), with: identities) }
            #expect(throws: AgeError.self) { try decrypt(file + [0], with: identities) }
            #expect(try decrypt(file, with: identities) == plaintext)
        }
    }

    @Test func aWrongIdentityIsRefusedWithoutOutput() throws {
        let cli = try #require(AgeCLI.installed)
        try withTemporaryDirectory { directory in
            let key = try cli.newIdentityFile(in: directory)
            let file = Array(try AgeCLI.run(cli.age, ["-r", key.recipient], stdin: Data(testBytes(1000))).stdout)
            let error = #expect(throws: AgeError.self) { try decrypt(file, with: [AgeIdentity.generate()]) }
            #expect(error?.code == "age-no-identity-matches")
            #expect(error?.message.contains("AGE-SECRET-KEY") == false)
            // And the age command refuses what dpsbulk encrypted to someone else.
            let mine = try encrypt(testBytes(1000), to: [AgeIdentity.generate().recipient])
            let result = try AgeCLI.run(cli.age, ["-d", "-i", key.path], stdin: Data(mine))
            #expect(result.status != 0)
            #expect(result.stdout.isEmpty)
        }
    }
}
