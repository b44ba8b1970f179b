import Foundation

@testable import DPSManifest

/// The real `gzip` binary, so that the readers are tested on what users' files hold, not on our own compressor.
enum GzipTool {
    /// `bytes` compressed as one gzip member (`gzip -c -n`, level `level`).
    static func compress(_ bytes: [UInt8], level: Int = 6) throws -> [UInt8] {
        try run(["-c", "-n", "-\(level)"], input: bytes)
    }

    /// The contents of a gzip file (`gzip -dc`), several members included.
    static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        try run(["-dc"], input: bytes)
    }

    /// Runs `gzip ARGUMENTS FILE` on a temporary file holding `input`; returns its standard output.
    static func run(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
        let file = try temporaryFile(named: "input", contents: input)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip"] + arguments + [file]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GzipToolFailed(status: process.terminationStatus) }
        return [UInt8](data)
    }

    /// Writes `contents` to `name` in a new temporary directory; returns the path.
    static func temporaryFile(named name: String, contents: [UInt8]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(contents).write(to: url)
        return url.path
    }
}

/// `gzip` exited with a non-zero status.
struct GzipToolFailed: Error {
    var status: Int32
}

/// Deterministic manifest-like JSON lines with random-looking keys, so they compress about as real ones do.
func sampleJSONLines(count: Int, seed: UInt64 = 1) -> String {
    var state = seed
    func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 11
    }
    var text = ""
    for index in 0..<count {
        let key = (0..<4).map { _ in String(next(), radix: 16) }.joined()
        text +=
            "{\"registrationId\":\"device-\(index)\",\"attestation\":{\"type\":\"symmetricKey\","
            + "\"symmetricKey\":{\"primaryKey\":\"\(key)\"}},\"provisioningStatus\":\"enabled\"}\n"
    }
    return text
}

/// Everything `source` hands out, read `readSize` bytes at a time.
func drain(_ source: GzipByteSource, readSize: Int) throws(ManifestInputError) -> [UInt8] {
    var result: [UInt8] = []
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: readSize)
    defer { buffer.deallocate() }
    while true {
        let n = try source.read(into: buffer, count: readSize)
        if n == 0 { return result }
        result.append(contentsOf: UnsafeBufferPointer(start: buffer, count: n))
    }
}

/// The first error reading all of `bytes` as gzip, or nil when they read cleanly.
func firstGzipError(_ bytes: [UInt8], chunkSize: Int = .max) -> ManifestInputError? {
    let source = GzipByteSource(
        source: MemoryByteSource(bytes: bytes, chunkSize: chunkSize),
        inputChunkBytes: min(chunkSize, GzipByteSource.defaultInputChunkBytes)
    )
    do {
        _ = try drain(source, readSize: 4096)
        return nil
    } catch {
        return error
    }
}
