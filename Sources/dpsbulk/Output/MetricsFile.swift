import Foundation

/// Writes a metrics file atomically: a temporary file in the same directory, flushed, then renamed over the
/// target, so node_exporter's textfile collector never reads half a file. Mode 0644: metrics hold no secret and
/// the collector often runs as another user.
enum MetricsFile {
    /// Why `path` cannot be written, or nil when its directory exists and is writable and it is not a directory.
    static func problem(writing path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "is a directory"
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { return "its directory '\(directory)' does not exist" }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            return "its directory '\(directory)' is not writable"
        }
        return nil
    }

    /// Replaces `path` with `bytes`.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0, fchmod(descriptor, 0o644) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw CommandFailure(
                status: ExitStatus.usageOrInput,
                message: "--metrics-file: cannot create '\(temporary)': \(reason)"
            )
        }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try file.write(contentsOf: Data(bytes))
            try file.synchronize()
            try file.close()
            guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            unlink(temporary)
            throw CommandFailure(
                status: DiskFull.matches(error) ? ExitStatus.stopped : ExitStatus.usageOrInput,
                message: "--metrics-file: cannot write '\(path)': \(error.localizedDescription)"
            )
        }
    }
}
