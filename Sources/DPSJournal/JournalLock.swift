import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Who holds a journal: written into the lock file so a refused process can name the holder.
public struct LockHolder: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The holding program, e.g. `dpsbulk`.
    public var program: String
    /// The holder's process ID.
    public var pid: Int32
    /// The holder's host name.
    public var host: String
    /// When the holder took the lock (whole seconds, UTC).
    public var since: Date

    /// Creates holder details.
    public init(program: String, pid: Int32, host: String, since: Date) {
        self.program = program
        self.pid = pid
        self.host = host
        self.since = since
    }

    /// `dpsbulk pid 4242 on host factory-01 since 2026-11-21T20:10:00Z`.
    public var description: String {
        "\(program) pid \(pid) on host \(host) since \(Timestamp.seconds(since))"
    }
}

/// An exclusive, process-lifetime lock on a journal: `flock(2)` on a sidecar file `<journal>.lock`.
///
/// Why a sidecar `flock` and not SQLite's `locking_mode = EXCLUSIVE`:
/// - the kernel drops a `flock` when the holding process dies, however it dies (SIGKILL, power aside),
///   so a dead holder never blocks: there is nothing stale to clean up;
/// - a refused process can still read the holder's details (program, pid, host, start time) from the
///   sidecar, whereas an exclusively locked database cannot even be read to find out who holds it;
/// - the database stays readable by other tools (`sqlite3 run.journal` while a run is going on), which
///   SQLite's exclusive mode forbids;
/// - `flock` locks belong to an open file description, not a process, so a second `Journal` opened in
///   the same process is refused too (POSIX `fcntl` locks, which SQLite uses, would not see it);
/// - it is a separate file, so it cannot interfere with SQLite's own `fcntl` locks on the database
///   (on NFS Linux emulates `flock` with `fcntl` locks, which would clash on the same file).
///
/// The descriptor is opened `O_CLOEXEC`, so child processes do not inherit (and prolong) the lock.
/// The sidecar is never deleted: unlinking a lock file races with a process that has just opened it.
public final class JournalLock: @unchecked Sendable {
    /// The sidecar path, `<journal>.lock`.
    public let path: String
    /// The details written for this holder.
    public let holder: LockHolder

    private let mutex = NSLock()
    private var descriptor: Int32

    /// The sidecar lock path of a journal: `<journal>.lock`.
    public static func lockPath(forJournalAt journalPath: String) -> String { journalPath + ".lock" }

    /// Takes the lock of the journal at `journalPath` without waiting.
    ///
    /// - Parameters:
    ///   - journalPath: The journal file (which need not exist yet).
    ///   - program: The program name written for other processes to read.
    ///   - now: The clock, for the start time.
    /// - Throws: ``JournalError/Code/journalInUse`` naming the holder when another open file
    ///   description holds it (another process, or another `JournalLock` in this process);
    ///   ``JournalError/Code/lockFailed`` when the sidecar cannot be opened or locked.
    public static func acquire(
        forJournalAt journalPath: String,
        program: String = "dpsbulk",
        now: Date = Date()
    ) throws -> JournalLock {
        let path = lockPath(forJournalAt: journalPath)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw JournalError(code: .lockFailed, message: "cannot open lock file \(path): \(errnoText())")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let current = readHolder(fd)
            close(fd)
            guard code == EWOULDBLOCK else {
                throw JournalError(code: .lockFailed, message: "cannot lock \(path): \(errnoText(code))")
            }
            let who = current.map { "by \($0.description)" } ?? "by another process (its details are not readable yet)"
            throw JournalError(code: .journalInUse, message: "journal \(journalPath) is in use \(who)")
        }
        let holder = LockHolder(
            program: program,
            pid: getpid(),
            host: hostName(),
            since: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        )
        do {
            try writeHolder(holder, to: fd)
        } catch {
            close(fd)
            throw JournalError(code: .lockFailed, message: "cannot write holder details to \(path): \(errnoText())")
        }
        return JournalLock(path: path, holder: holder, descriptor: fd)
    }

    private init(path: String, holder: LockHolder, descriptor: Int32) {
        self.path = path
        self.holder = holder
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Whether this lock is still held.
    public var isHeld: Bool { mutex.withLock { descriptor >= 0 } }

    /// Clears the holder details and releases the lock; later calls do nothing.
    public func release() {
        mutex.withLock {
            guard descriptor >= 0 else { return }
            _ = ftruncate(descriptor, 0)
            _ = flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }

    private static func writeHolder(_ holder: LockHolder, to fd: Int32) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.seconds(date))
        }
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(holder)
        data.append(0x0A)
        guard ftruncate(fd, 0) == 0 else { throw JournalError.lockFailed }
        let written = data.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == data.count else { throw JournalError.lockFailed }
    }

    private static func readHolder(_ fd: Int32) -> LockHolder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "date"))
            }
            return date
        }
        return try? decoder.decode(LockHolder.self, from: Data(buffer[0..<count]))
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func errnoText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
