import DPSManifest
import DPSValidation
import Foundation
import Testing

/// The remaining-records estimate that sizes the duplicate tables works for gzip manifests too.
struct ManifestValidatorGzipTests {
    static let total = 30_000

    /// Deterministic JSON lines with random-looking keys (they compress about as real ones do).
    static func manifest(count: Int) -> [UInt8] {
        var state: UInt64 = 7
        var text = ""
        for index in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            text +=
                "{\"registrationId\":\"device-\(index)\",\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"\(String(state, radix: 16))\"}}}\n"
        }
        return Array(text.utf8)
    }

    /// `bytes` compressed by the real `gzip`, one member per `members`-th part.
    static func gzip(_ bytes: [UInt8], members: Int) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gzv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var result: [UInt8] = []
        let size = (bytes.count + members - 1) / members
        for start in stride(from: 0, to: bytes.count, by: size) {
            let part = dir.appendingPathComponent("part")
            try Data(bytes[start..<min(start + size, bytes.count)]).write(to: part)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-c", "-n", part.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            result += output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        return result
    }

    /// The estimate after reading the first `records` records of a manifest written as `name`.
    static func estimate(_ contents: [UInt8], name: String, afterRecords records: Int) throws -> Int {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gzv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try Data(contents).write(to: URL(fileURLWithPath: path))
        let reader = try ManifestReader(path: path)
        for _ in 0..<records { _ = try #require(try reader.nextRaw()) }
        return ManifestValidator.remainingRecords(reader, afterRecords: records)
    }

    @Test(arguments: [1, 8])
    func gzipEstimateMatchesThePlainOne(members: Int) throws {
        let plain = Self.manifest(count: Self.total)
        let compressed = try Self.gzip(plain, members: members)
        #expect(compressed.count * 3 < plain.count, "the test needs a file that compresses well")
        let remaining = Self.total - 1000
        let plainEstimate = try Self.estimate(plain, name: "m.jsonl", afterRecords: 1000)
        let gzipEstimate = try Self.estimate(compressed, name: "m.jsonl.gz", afterRecords: 1000)
        // Both about the true remainder (the estimate is meant to be ~10% high), not 0 and not the compressed size's.
        #expect(Double(plainEstimate) > Double(remaining) * 0.95 && Double(plainEstimate) < Double(remaining) * 1.3)
        #expect(Double(gzipEstimate) > Double(remaining) * 0.95 && Double(gzipEstimate) < Double(remaining) * 1.3)
    }

    @Test func aSmallGzipFileReadWholeHasNothingLeft() throws {
        let plain = Self.manifest(count: 50)
        #expect(try Self.estimate(try Self.gzip(plain, members: 2), name: "m.jsonl.gz", afterRecords: 50) == 0)
    }
}
