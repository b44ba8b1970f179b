import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file through which the dpsbulk processes of one host share one instance's ``SharedQuota``: `NAME.json`
/// (the state) and `NAME.lock` (an `flock` lock) in a ``SharedQuotaDirectory``.
///
/// Every change reads the state, applies the change and writes it back while holding the lock; the new state is
/// written to `NAME.json.tmp` and renamed over the old one, so a process killed mid-write leaves the old state.
/// The kernel releases an `flock` lock when its holder dies, so a process killed with `kill -9` blocks no one;
/// a holder that is stopped (SIGSTOP) is waited for at most a few seconds (``defaultLockTimeout``). The folder is made 0700 and the
/// files 0600; they hold no secret (rates and times only), but they are the user's. Not thread-safe: one owner
/// (a ``RateGate``).
final class SharedQuotaFile {
    /// The state file.
    let statePath: String
    private let lockPath: String
    private let lockDescriptor: Int32
    private let lockTimeout: Duration

    /// The longest state read; a longer file is damaged, and no more of it is read.
    static let maximumStateBytes = 64 * 1024
    /// How long to wait for the lock, by default, before giving up on sharing.
    static let defaultLockTimeout: Duration = .seconds(5)

    /// Opens (creating the folder and the lock file if needed) the state of `instance` in `directory`.
    init(
        directory: SharedQuotaDirectory,
        instance: String,
        lockTimeout: Duration = defaultLockTimeout
    ) throws(SharedQuotaFileError) {
        self.lockTimeout = lockTimeout
        guard let name = SharedQuotaDirectory.fileName(forInstance: instance) else {
            throw SharedQuotaFileError(path: directory.path, operation: "name a state file for the instance", errno: 0)
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory.path,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw SharedQuotaFileError(path: directory.path, operation: "create the folder", errno: EACCES)
        }
        statePath = (directory.path as NSString).appendingPathComponent(name + ".json")
        lockPath = (directory.path as NSString).appendingPathComponent(name + ".lock")
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SharedQuotaFileError(path: lockPath, operation: "open", errno: errno) }
        lockDescriptor = descriptor
    }

    deinit { close(lockDescriptor) }

    /// Runs `body` on the state at `now` while holding the lock and writes the state back; returns its result and
    /// what reading found. A state of a newer format is not touched: that throws.
    func update<T>(
        now: TimeInterval,
        _ body: (inout SharedQuota) -> T
    ) throws(SharedQuotaFileError) -> (result: T, reading: SharedQuota.Reading) {
        try lock()
        defer { _ = flock(lockDescriptor, LOCK_UN) }
        let (read, reading) = SharedQuota.read(try readState(), now: now)
        guard var quota = read else {
            throw SharedQuotaFileError(path: statePath, operation: "use a state of a newer dpsbulk", errno: 0)
        }
        let result = body(&quota)
        try writeState(quota.encoded())
        return (result, reading)
    }

    private func lock() throws(SharedQuotaFileError) {
        let clock = ContinuousClock()
        let deadline = clock.now + lockTimeout
        while flock(lockDescriptor, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                throw SharedQuotaFileError(path: lockPath, operation: "lock", errno: failure)
            }
            guard clock.now < deadline else {
                throw SharedQuotaFileError(
                    path: lockPath,
                    operation: "lock (held too long by another process)",
                    errno: 0
                )
            }
            // The holder only reads and writes a few hundred bytes: the lock is free again within microseconds.
            usleep(200)
        }
    }

    /// The state's bytes (at most one more than ``maximumStateBytes``), nil when there is no state yet.
    private func readState() throws(SharedQuotaFileError) -> Data? {
        let descriptor = open(statePath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw SharedQuotaFileError(path: statePath, operation: "open", errno: errno)
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: Self.maximumStateBytes + 1)
        var count = 0
        while count < buffer.count {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw SharedQuotaFileError(path: statePath, operation: "read", errno: errno) }
            if got == 0 { break }
            count += got
        }
        return Data(buffer[0..<count])
    }

    private func writeState(_ data: Data) throws(SharedQuotaFileError) {
        let temporary = statePath + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SharedQuotaFileError(path: temporary, operation: "open", errno: errno) }
        var written = 0
        while written < data.count {
            let put = data.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if put < 0 && errno == EINTR { continue }
            guard put > 0 else {
                let failure = errno
                close(descriptor)
                throw SharedQuotaFileError(path: temporary, operation: "write", errno: failure)
            }
            written += put
        }
        close(descriptor)
        guard rename(temporary, statePath) == 0 else {
            throw SharedQuotaFileError(path: statePath, operation: "replace", errno: errno)
        }
    }
}

/// A shared quota file could not be used; the run then paces by itself.
struct SharedQuotaFileError: Error, CustomStringConvertible {
    /// The file or folder.
    let path: String
    /// What was being done.
    let operation: String
    /// The system's error number, 0 when none.
    let errno: Int32

    var description: String {
        "cannot \(operation) \(path)" + (errno == 0 ? "" : ": \(String(cString: strerror(errno)))")
    }
}
