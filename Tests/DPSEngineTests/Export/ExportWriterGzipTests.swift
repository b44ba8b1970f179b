import DPSManifest
import Foundation
import Testing

@testable import DPSEngine

/// A compressed export file is a valid gzip file after every page, and after being cut back to a checkpoint.
struct ExportWriterGzipTests {
    /// A page of JSON lines, different for every `page`.
    static func page(_ page: Int, records: Int = 200) -> Data {
        var text = ""
        for index in 0..<records {
            text += "{\"registrationId\":\"page\(page)-device-\(index)\",\"attestation\":{\"type\":\"tpm\"}}\n"
        }
        return Data(text.utf8)
    }

    static func temporaryPath(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-gz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// `gzip -dc PATH`, which fails on a truncated or damaged file.
    static func gunzip(_ path: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip -dc failed on \(path)")
        return data
    }

    static func fileSize(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    @Test func everyAppendIsOneMemberAndTheFileIsValidAfterEach() throws {
        let path = try Self.temporaryPath("backup.jsonl.gz.partial")
        let writer = try ExportWriter(path: path, resumeAt: 0, secret: false, compressed: true)
        var expected = Data()
        for number in 0..<5 {
            let page = Self.page(number)
            try writer.append(page)
            expected += page
            #expect(try Self.fileSize(path) == writer.bytes)
            #expect(writer.bytes < expected.count, "the pages are compressed")
            #expect(try Self.gunzip(path) == expected)
        }
        try writer.append(Data())
        #expect(try Self.fileSize(path) == writer.bytes, "an empty page writes nothing, not an empty member")
        try writer.close()
        // Five members: dpsbulk's own reader takes them as one manifest.
        let final = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("backup.jsonl.gz")
        try FileManager.default.moveItem(atPath: path, toPath: final.path)
        let reader = try ManifestReader(path: final.path)
        var lines: [String] = []
        while let raw = try reader.nextRaw() {
            guard case .jsonLine(_, let text) = raw else {
                Issue.record("not a JSON line")
                continue
            }
            lines.append(text)
        }
        #expect(lines.joined(separator: "\n") + "\n" == String(decoding: expected, as: UTF8.self))
    }

    @Test func resumingAtACheckpointCutsWholeMembersAndStaysValid() throws {
        let path = try Self.temporaryPath("backup.csv.gz.partial")
        let writer = try ExportWriter(path: path, resumeAt: 0, secret: true, compressed: true)
        try writer.append(Data("registrationId,attestation\n".utf8))
        try writer.append(Self.page(1))
        let checkpoint = writer.bytes
        try writer.append(Self.page(2))  // written, but the process dies before its checkpoint is saved
        try writer.append(Self.page(3))
        try writer.close()
        #expect(try Self.fileSize(path) > checkpoint)

        let resumed = try ExportWriter(path: path, resumeAt: checkpoint, secret: true, compressed: true)
        #expect(resumed.bytes == checkpoint)
        #expect(try Self.fileSize(path) == checkpoint)
        #expect(try Self.gunzip(path) == Data("registrationId,attestation\n".utf8) + Self.page(1))
        try resumed.append(Self.page(7))
        try resumed.close()
        #expect(try Self.fileSize(path) == resumed.bytes)
        #expect(try Self.gunzip(path) == Data("registrationId,attestation\n".utf8) + Self.page(1) + Self.page(7))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func uncompressedWritesThePagesAsTheyAre() throws {
        let path = try Self.temporaryPath("backup.jsonl.partial")
        let writer = try ExportWriter(path: path, resumeAt: 0, secret: false)
        try writer.append(Self.page(1))
        try writer.append(Self.page(2))
        try writer.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Self.page(1) + Self.page(2))
    }

    @Test(arguments: [
        ("backup.jsonl.gz", true), ("backup.csv.GZ", true), ("nightly.gz", true), ("backup.jsonl", false),
        ("backup.gz.partial", false), ("backup.tgz", false),
    ])
    func compressionFollowsTheOutputName(path: String, compressed: Bool) {
        #expect(ExportWriter.isCompressed(path: path) == compressed)
    }
}
