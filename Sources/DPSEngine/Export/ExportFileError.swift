import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file of an export (the output, its partial file, checkpoint or SHA-256 sidecar) that cannot be written.
///
/// Its description is one sentence naming the path and the system's reason, e.g.
/// `cannot create the directory backups/ of backups/h-2026-01-01.jsonl: Permission denied`.
public struct ExportFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The directory that should hold the file cannot be created.
        public static let createDirectory = Code(rawValue: "export-file.create-directory")
        /// The file cannot be created or opened for writing.
        public static let open = Code(rawValue: "export-file.open")
        /// Writing or flushing the file failed (a full disk, say).
        public static let write = Code(rawValue: "export-file.write")
        /// The finished file cannot be moved into place.
        public static let rename = Code(rawValue: "export-file.rename")
    }

    /// The stable kind of failure.
    public var code: Code
    /// The file (or directory) concerned.
    public var path: String
    /// The system's reason, e.g. `Permission denied`.
    public var reason: String

    public init(code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    public var description: String {
        let action =
            switch code {
            case .createDirectory: "create the directory"
            case .open: "open for writing"
            case .rename: "move the finished export to"
            default: "write"
            }
        return "cannot \(action) \(path): \(reason)"
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// Runs `body`, turning any error it throws into an ``ExportFileError`` of `code` naming `path`.
    static func wrapping<T>(_ code: Code, path: String, _ body: () throws -> T) throws(ExportFileError) -> T {
        do {
            return try body()
        } catch let error as ExportFileError {
            throw error
        } catch {
            throw ExportFileError(code: code, path: path, reason: reason(for: error))
        }
    }

    /// The system's words for `error`: the POSIX error under a Foundation error when there is one.
    static func reason(for error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error { return reason(for: underlying) }
        guard nsError.domain == NSCocoaErrorDomain else { return nsError.localizedDescription }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteNoPermission, .fileReadNoPermission: return String(cString: strerror(EACCES))
        case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
        case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
        case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
        case .fileWriteFileExists: return String(cString: strerror(EEXIST))
        default: return nsError.localizedDescription
        }
    }
}
