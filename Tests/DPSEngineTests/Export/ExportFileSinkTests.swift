import DPSAge
import Foundation
import Testing

@testable import DPSEngine

/// The sidecar's digest is computed while the file is written: it is the SHA-256 of the file on disk, read back
/// independently, for a fresh file, a resumed one (cut back to a checkpoint), a compressed and an encrypted one.
struct ExportFileSinkTests {
    static func finished(_ path: String, _ body: (String) throws -> String) throws -> (digest: String, onDisk: String) {
        let digest = try body(path + ".partial")
        return (digest, try ManifestDigest.sha256(ofFileAt: path))
    }

    @Test(arguments: [false, true])
    func theDigestWrittenAlongIsTheFilesDigest(compressed: Bool) throws {
        let path = try ExportWriterGzipTests.temporaryPath(compressed ? "backup.jsonl.gz" : "backup.jsonl")
        let (digest, onDisk) = try Self.finished(path) { partial in
            let writer = try ExportWriter(path: partial, resumeAt: 0, secret: false, compressed: compressed)
            try writer.append(ExportWriterGzipTests.page(1))
            try writer.append(Array(ExportWriterGzipTests.page(2)))
            return try writer.finish(renamingTo: path)
        }
        #expect(digest == onDisk)
        let sidecar = try String(contentsOfFile: path + ".sha256", encoding: .utf8)
        #expect(sidecar == "\(onDisk)  \(URL(fileURLWithPath: path).lastPathComponent)\n")
    }

    @Test(arguments: [false, true])
    func aResumedFilesDigestCoversTheKeptPrefixAndNotWhatWasCutOff(compressed: Bool) throws {
        let path = try ExportWriterGzipTests.temporaryPath(compressed ? "backup.jsonl.gz" : "backup.jsonl")
        let (digest, onDisk) = try Self.finished(path) { partial in
            let first = try ExportWriter(path: partial, resumeAt: 0, secret: false, compressed: compressed)
            try first.append(ExportWriterGzipTests.page(1))
            try first.synchronize()
            let checkpoint = first.bytes
            try first.append(ExportWriterGzipTests.page(2))  // written, never checkpointed: the run is killed
            try first.close()
            let resumed = try ExportWriter(path: partial, resumeAt: checkpoint, secret: false, compressed: compressed)
            try resumed.append(ExportWriterGzipTests.page(3))
            return try resumed.finish(renamingTo: path)
        }
        #expect(digest == onDisk)
        let content =
            compressed
            ? try ExportWriterGzipTests.gunzip(path) : try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(content == ExportWriterGzipTests.page(1) + ExportWriterGzipTests.page(3))
    }

    @Test func anEncryptedFilesDigestCoversItsCiphertextToTheLastChunk() throws {
        let path = try ExportWriterGzipTests.temporaryPath("backup.jsonl.age")
        let identity = AgeIdentity.generate()
        let (digest, onDisk) = try Self.finished(path) { partial in
            let writer = try ExportWriter(
                path: partial,
                resumeAt: 0,
                secret: true,
                recipients: [identity.recipient]
            )
            try writer.append(ExportWriterGzipTests.page(1, records: 2000))
            return try writer.finish(renamingTo: path)
        }
        #expect(digest == onDisk)
    }
}
