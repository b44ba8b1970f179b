import DPSAge
import Foundation
import Testing

@testable import DPSManifest

/// Age-encrypted manifests are read where manifests are read, recognised by their first line.
struct AgeByteSourceTests {
    static func encrypted(_ plaintext: [UInt8], to recipient: AgeRecipient, at path: String) throws {
        var out: [UInt8] = []
        let encryptor = try AgeEncryptor(recipients: [recipient]) { out += $0 }
        try encryptor.write(plaintext)
        try encryptor.finish()
        try Data(out).write(to: URL(fileURLWithPath: path))
    }

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("age-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let csv =
        (["registrationId,attestation,endorsementKey"]
        + (0..<6000).map { "dev-\($0),symmetricKey," }).joined(separator: "\n") + "\n"

    @Test(arguments: ["m.csv.age", "m.csv", "no-extension"])
    func anAgeFileIsDecryptedWhateverItsName(name: String) throws {
        let identity = AgeIdentity.generate()
        let path = try Self.directory().appendingPathComponent(name).path
        try Self.encrypted(Array(Self.csv.utf8), to: identity.recipient, at: path)
        let reader = try ManifestReader(path: path, options: ManifestReadOptions(ageIdentities: [identity]))
        #expect(reader.format == .csv)
        var count = 0
        while try reader.nextRaw() != nil { count += 1 }
        #expect(count == 6000)
    }

    @Test func gzipInsideAgeIsRead() throws {
        let identity = AgeIdentity.generate()
        let directory = try Self.directory()
        let plain = directory.appendingPathComponent("m.jsonl").path
        let lines = (0..<500).map { "{\"registrationId\":\"d-\($0)\",\"attestation\":{\"type\":\"symmetricKey\"}}" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", plain]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: plain + ".gz")))
        let path = directory.appendingPathComponent("m.jsonl.gz.age").path
        try Self.encrypted(compressed, to: identity.recipient, at: path)
        let reader = try ManifestReader(path: path, options: ManifestReadOptions(ageIdentities: [identity]))
        #expect(reader.format == .jsonLines)
        var count = 0
        while try reader.nextRaw() != nil { count += 1 }
        #expect(count == 500)
    }

    @Test func withoutTheIdentityTheFileIsRefusedNamingTheOption() throws {
        let path = try Self.directory().appendingPathComponent("m.csv.age").path
        try Self.encrypted(Array(Self.csv.utf8), to: AgeIdentity.generate().recipient, at: path)
        let none = #expect(throws: ManifestError.self) { try ManifestReader(path: path) }
        #expect(none?.code == "age-undecryptable")
        #expect(none?.message.contains("--identity") == true)
        let wrong = #expect(throws: ManifestError.self) {
            try ManifestReader(path: path, options: ManifestReadOptions(ageIdentities: [AgeIdentity.generate()]))
        }
        #expect(wrong?.message.contains("no age identity given can decrypt") == true)
    }

    @Test func aTamperedTailFailsWhileReadingAfterEarlierRowsWereRead() throws {
        let identity = AgeIdentity.generate()
        let path = try Self.directory().appendingPathComponent("m.csv.age").path
        try Self.encrypted(Array(Self.csv.utf8), to: identity.recipient, at: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 5] ^= 0x80
        try bytes.write(to: URL(fileURLWithPath: path))
        let reader = try ManifestReader(path: path, options: ManifestReadOptions(ageIdentities: [identity]))
        let error = #expect(throws: ManifestError.self) { while try reader.nextRaw() != nil {} }
        #expect(error?.code == "age-undecryptable")
        #expect(error?.message.contains("fails authentication") == true)
    }
}
