/// CSV records as slices of one byte buffer: a batch of 256 rows is three arrays, not 256 arrays of strings.
///
/// The reader appends each record's fields (unquoted and unescaped, valid UTF-8) one after another; a field is the
/// bytes between the end of the previous field and its own end. Values, so a batch moves to another task whole.
///
/// ```swift
/// var batch = CSVBatch()
/// while batch.count < 256, try reader.next(into: &batch) {}
/// batch.forEachRow { row in print(row.line, row.count) }
/// ```
public struct CSVBatch: Sendable {
    /// The fields' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Where each field ends in `bytes`.
    private var fieldEnds: [Int] = []
    /// For each record: its line and the index of its first field in `fieldEnds`.
    private var records: [(line: Int, firstField: Int)] = []

    /// An empty batch.
    public init() {}

    /// The number of records.
    public var count: Int { records.count }

    /// What the records hold in memory, by the measure of ``RawRecord/approximateBytes`` (text plus 16 bytes per
    /// field and per record), so batches are cut where batches of raw records were.
    public private(set) var approximateBytes = 0

    /// Reserves room for `records` records of `bytesPerRecord` bytes and `fieldsPerRecord` fields.
    public mutating func reserveCapacity(records count: Int, bytesPerRecord: Int, fieldsPerRecord: Int) {
        bytes.reserveCapacity(count * bytesPerRecord)
        fieldEnds.reserveCapacity(count * fieldsPerRecord)
        records.reserveCapacity(count)
    }

    /// Starts a record on `line`; its fields follow with ``appendField(_:)``.
    mutating func startRecord(line: Int) {
        records.append((line, fieldEnds.count))
        approximateBytes += 16
    }

    /// Removes the last record, one the reader started but could not finish.
    mutating func removeUnfinishedRecord() {
        guard let (_, first) = records.popLast() else { return }
        let start = first == 0 ? 0 : fieldEnds[first - 1]
        approximateBytes -= 16 + (fieldEnds.count - first) * 16 + (bytes.count - start)
        fieldEnds.removeSubrange(first...)
        bytes.removeSubrange(start...)
    }

    /// Appends a field of the current record.
    mutating func appendField(_ field: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: field)
        fieldEnds.append(bytes.count)
        approximateBytes += 16 + field.count
    }

    /// Appends a field of the current record.
    mutating func appendField(_ field: String) {
        var field = field
        field.withUTF8 { appendField($0) }
    }

    /// Calls `body` with each record in order.
    public func forEachRow(_ body: (CSVRowView) throws -> Void) rethrows {
        try withViews { views in
            for index in 0..<records.count { try body(views(index)) }
        }
    }

    /// The transformed records, in order.
    public func mapRows<T>(_ transform: (CSVRowView) throws -> T) rethrows -> [T] {
        var results: [T] = []
        results.reserveCapacity(records.count)
        try forEachRow { results.append(try transform($0)) }
        return results
    }

    /// Calls `body` with record `index`.
    public func withRow<R>(_ index: Int, _ body: (CSVRowView) throws -> R) rethrows -> R {
        try withViews { try body($0(index)) }
    }

    private func withViews<R>(_ body: ((Int) -> CSVRowView) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in
            try fieldEnds.withUnsafeBufferPointer { ends in
                try body { index in
                    let (line, first) = records[index]
                    let last = index + 1 < records.count ? records[index + 1].firstField : ends.count
                    return CSVRowView(
                        line: line,
                        bytes: bytes,
                        start: first == 0 ? 0 : ends[first - 1],
                        ends: UnsafeBufferPointer(rebasing: ends[first..<last])
                    )
                }
            }
        }
    }
}

/// One record of a ``CSVBatch``: its line and its fields as bytes. Valid only inside the call that gives it.
public struct CSVRowView {
    /// The line where the record starts.
    public let line: Int
    private let bytes: UnsafeBufferPointer<UInt8>
    private let start: Int
    private let ends: UnsafeBufferPointer<Int>

    init(line: Int, bytes: UnsafeBufferPointer<UInt8>, start: Int, ends: UnsafeBufferPointer<Int>) {
        self.line = line
        self.bytes = bytes
        self.start = start
        self.ends = ends
    }

    /// The number of fields.
    public var count: Int { ends.count }

    /// The bytes of field `index` (valid UTF-8).
    @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        let from = index == 0 ? start : ends[index - 1]
        return UnsafeBufferPointer(rebasing: bytes[from..<ends[index]])
    }

    /// The bytes of all fields together.
    public var byteCount: Int { (ends.last ?? start) - start }

    /// The field of `index` as a string.
    public func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

    /// The fields as strings, as ``CSVReader/next()`` returns them.
    public func strings() -> [String] { (0..<count).map(string) }
}
