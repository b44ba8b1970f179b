import Foundation
import Testing

@testable import DPSEngine

/// The files of an export: missing directories are made; what cannot be written is an ``ExportFileError`` whose
/// description is one sentence naming the path and the system's reason.
struct ExportFileErrorTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func theWriterCreatesMissingParentDirectories() throws {
        let path = try Self.scratch().appendingPathComponent("a/b/c/backup.jsonl.partial").path
        let writer = try ExportWriter(path: path, resumeAt: 0, secret: true)
        try writer.append(Data("{}\n".utf8))
        try writer.close()
        #expect(FileManager.default.fileExists(atPath: path))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func aFileWhereADirectoryShouldBeIsACreateDirectoryError() throws {
        let blocker = try Self.scratch().appendingPathComponent("file")
        try Data().write(to: blocker)
        let error = #expect(throws: ExportFileError.self) {
            _ = try ExportWriter(path: blocker.appendingPathComponent("x/out.jsonl").path, resumeAt: 0, secret: false)
        }
        #expect(error?.code == .createDirectory)
        #expect(error?.description.hasPrefix("cannot create the directory \(blocker.path)") == true)
        #expect(error?.description.contains("Cocoa") == false)
    }

    @Test func aDirectoryInPlaceOfTheFileIsAnOpenError() throws {
        let directory = try Self.scratch().appendingPathComponent("out.jsonl")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let error = #expect(throws: ExportFileError.self) {
            _ = try ExportWriter(path: directory.path, resumeAt: 0, secret: false)
        }
        #expect(error?.code == .open)
        #expect(error?.description == "cannot open for writing \(directory.path): \(String(cString: strerror(EISDIR)))")
    }

    @Test(arguments: [
        (CocoaError(.fileWriteNoPermission) as any Error, EACCES),
        (CocoaError(.fileNoSuchFile) as any Error, ENOENT),
        (NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)) as any Error, ENOSPC),
        (
            NSError(
                domain: NSCocoaErrorDomain,
                code: CocoaError.fileWriteUnknown.rawValue,
                userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))]
            ) as any Error,
            EROFS
        ),
    ])
    func reasonsAreTheSystemsWords(error: any Error, errno: Int32) {
        #expect(ExportFileError.reason(for: error) == String(cString: strerror(errno)))
    }
}
