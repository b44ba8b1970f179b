#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Something that hands out the bytes of a manifest in chunks, front to back.
protocol ByteSource {
    /// Copies up to `count` bytes into `destination`; returns how many, 0 only at the end of the input.
    mutating func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws(ManifestInputError) -> Int
}

/// Reads a file with read(2) through a file descriptor it owns and closes.
final class FileByteSource: ByteSource {
    private let fd: Int32
    private let path: String

    /// Opens `path` for reading; maps ENOENT to `file-not-found` and every other failure to `unreadable`.
    init(path: String) throws(ManifestInputError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let err = errno
            if err == ENOENT || err == ENOTDIR { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: Self.reason(err))
        }
        #if canImport(Glibc) || canImport(Musl)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws(ManifestInputError) -> Int {
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, destination, count)
            #elseif canImport(Musl)
            let n = Musl.read(fd, destination, count)
            #else
            let n = Darwin.read(fd, destination, count)
            #endif
            if n >= 0 { return n }
            let err = errno
            if err == EINTR { continue }
            throw .unreadable(path: path, reason: Self.reason(err))
        }
    }

    private static func reason(_ err: Int32) -> String {
        guard let text = strerror(err) else { return "error \(err)" }
        return String(cString: text)
    }
}

/// Hands out the bytes of an in-memory array, at most `chunkSize` per read (small sizes exercise chunk boundaries).
struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunkSize: Int

    init(bytes: [UInt8], chunkSize: Int = .max) {
        precondition(chunkSize > 0, "chunkSize must be positive")
        self.bytes = bytes
        self.chunkSize = chunkSize
    }

    mutating func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        let n = min(count, chunkSize, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            destination.update(from: source.baseAddress! + offset, count: n)
        }
        offset += n
        return n
    }
}
