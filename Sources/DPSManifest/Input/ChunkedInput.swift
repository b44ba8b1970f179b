/// A fixed-size window over a ``ByteSource`` plus the position bookkeeping both readers share.
///
/// Bytes live in `base[pos..<end]`; `refill()` moves the unread tail to the front and reads one more chunk, so memory
/// stays at `capacity` bytes however large the file is. It also tracks the current physical line (1-based, counted by
/// LF bytes) and the absolute offset where that line starts, for columns in errors.
final class ChunkedInput {
    /// The window's storage.
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// How many bytes `base` holds.
    private(set) var capacity: Int
    /// The first unread byte.
    var pos = 0
    /// One past the last byte read from the source.
    private(set) var end = 0
    /// The absolute file offset of `base[0]`.
    private(set) var offsetOfBase = 0
    /// True once the source reported the end of the input.
    private(set) var atEOF = false
    /// The 1-based physical line of the byte at `pos`.
    var line = 1
    /// The absolute file offset of the first byte of `line`.
    var lineStart = 0

    private var source: any ByteSource
    private let readSize: Int
    private var started = false

    init(source: any ByteSource, capacity: Int, readSize: Int) {
        precondition(capacity >= 8, "the window must hold at least a few bytes")
        self.source = source
        self.capacity = capacity
        self.readSize = max(1, min(readSize, capacity))
        self.base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// The absolute offset of `pos`: how many bytes of the input were consumed.
    var consumed: Int { offsetOfBase + pos }

    /// True when the window is full of unread bytes, so `refill()` has no room.
    var isFull: Bool { pos == 0 && end == capacity }

    /// Reads the first bytes and skips a UTF-8 byte order mark; call once before anything else.
    @inline(__always)
    func startIfNeeded() throws(ManifestInputError) {
        if started { return }
        started = true
        _ = try ensure(3)
        if end - pos >= 3 && base[pos] == 0xEF && base[pos + 1] == 0xBB && base[pos + 2] == 0xBF {
            pos += 3
            lineStart = 3
        }
    }

    /// Moves the unread bytes to the front and reads one more chunk; returns false at the end of the input.
    func refill() throws(ManifestInputError) -> Bool {
        if atEOF { return false }
        if pos > 0 {
            let unread = end - pos
            if unread > 0 { base.update(from: base + pos, count: unread) }
            offsetOfBase += pos
            end = unread
            pos = 0
        }
        precondition(end < capacity, "refill() on a full window")
        let n = try source.read(into: base + end, count: min(readSize, capacity - end))
        if n == 0 {
            atEOF = true
            return false
        }
        end += n
        return true
    }

    /// Makes at least `count` unread bytes available unless the input ends first; returns whether it did.
    @inline(__always)
    func ensure(_ count: Int) throws(ManifestInputError) -> Bool {
        while end - pos < count {
            if try !refill() { return false }
        }
        return true
    }

    /// Grows the window to `newCapacity` bytes, keeping the unread bytes.
    func grow(to newCapacity: Int) {
        guard newCapacity > capacity else { return }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        let unread = end - pos
        newBase.update(from: base + pos, count: unread)
        base.deallocate()
        base = newBase
        offsetOfBase += pos
        end = unread
        pos = 0
        capacity = newCapacity
    }

    /// Records that a line feed was consumed and the next line starts at window index `index`.
    @inline(__always)
    func startLine(at index: Int) {
        line += 1
        lineStart = offsetOfBase + index
    }

    /// The 1-based byte column of window index `index` on the current line.
    @inline(__always)
    func column(at index: Int) -> Int {
        offsetOfBase + index - lineStart + 1
    }
}
