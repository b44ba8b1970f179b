import Foundation

/// A buffered writer to standard output (one system call per 64 KiB instead of one per line).
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func write(_ data: Data) {
        buffer.append(contentsOf: data)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        do {
            // The throwing write: FileHandle.write(_: Data) traps on an error such as a full disk.
            try FileHandle.standardOutput.write(contentsOf: Data(buffer))
        } catch {
            let status = DiskFull.matches(error) ? ExitStatus.stopped : ExitStatus.usageOrInput
            DiagnosticLog.logger.error("cannot write the standard output: \(error)")
            Main.exit(status)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
