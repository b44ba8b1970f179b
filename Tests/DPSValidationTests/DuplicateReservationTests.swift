import DPSManifest
import DPSValidation
import Foundation
import Testing

/// The duplicate tables are sized from an estimate of the records left; the estimate is capped, since a file's
/// size (sparse) or a gzip stream's ratio (a bomb) says nothing certain about the records in it.
struct DuplicateReservationTests {
    @Test func aSparseFileDoesNotInflateTheEstimate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sparse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("m.csv").path
        try "registrationId,attestation\na,symmetricKey\nb,symmetricKey\n".write(
            toFile: path,
            atomically: false,
            encoding: .utf8
        )
        // 100 GB claimed, a few bytes stored.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100_000_000_000)
        try handle.close()
        let reader = try ManifestReader(path: path)
        _ = try reader.nextRaw()
        _ = try reader.nextRaw()
        let estimate = ManifestValidator.remainingRecords(reader, afterRecords: 2)
        #expect(estimate == DuplicateDetector.maximumReservation)
    }
}
