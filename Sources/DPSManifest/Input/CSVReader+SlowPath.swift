#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVReader {
    /// Where the slow path is inside a record.
    private enum State {
        /// At the first byte of a field.
        case fieldStart
        /// Inside a field that did not start with a quote.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Just after a quote inside a quoted field: a doubled quote or the closing one.
        case afterQuote
    }

    /// Reads one record byte by byte through the window, across refills: quoted fields, lines longer than the
    /// window and the last line of an input without a final line break.
    func slowRecord() throws(ManifestInputError) -> CSVRecord {
        let input = self.input
        let recordLine = input.line
        var fields: [String] = []
        fields.reserveCapacity(fieldCountHint)
        // Work on a local scratch array (no dynamic exclusivity checks); hand its storage back when done.
        var fieldBytes: [UInt8] = []
        swap(&fieldBytes, &self.fieldBytes)
        defer { swap(&fieldBytes, &self.fieldBytes) }
        fieldBytes.removeAll(keepingCapacity: true)
        /// A quoted field built straight from the window, when it held the whole field without doubled quotes.
        var completedField: String?
        var recordBytes = 0
        var state = State.fieldStart
        var fieldLine = input.line
        var fieldColumn = input.column(at: input.pos)

        func append(_ start: UnsafeMutablePointer<UInt8>, _ count: Int) throws(ManifestInputError) {
            guard count > 0 else { return }
            if fieldBytes.count + count > maximumFieldBytes {
                throw .fieldTooLarge(
                    line: fieldLine,
                    column: fieldColumn,
                    limit: maximumFieldBytes,
                    quoted: state != .unquoted
                )
            }
            recordBytes += count
            if recordBytes > maximumRecordBytes {
                throw .recordTooLarge(line: recordLine, limit: maximumRecordBytes)
            }
            fieldBytes.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
        }

        func finishField() throws(ManifestInputError) {
            guard fields.count < maximumFieldCount else {
                throw .tooManyFields(line: recordLine, limit: maximumFieldCount)
            }
            if let text = completedField {
                fields.append(text)
                completedField = nil
                return
            }
            let text = fieldBytes.withUnsafeBufferPointer { UTF8Text.string($0) }
            guard let text else {
                throw Self.invalidUTF8InField(
                    fieldBytes,
                    line: fieldLine,
                    column: fieldColumn,
                    quoted: state != .unquoted
                )
            }
            fields.append(text)
            fieldBytes.removeAll(keepingCapacity: true)
        }

        func record() -> CSVRecord {
            fieldCountHint = fields.count
            return CSVRecord(line: recordLine, fields: fields)
        }

        while true {
            if input.pos == input.end {
                if try !input.refill() {
                    if state == .quoted { throw .unterminatedQuote(line: fieldLine, column: fieldColumn) }
                    try finishField()
                    return record()
                }
            }
            let base = input.base
            switch state {
            case .fieldStart:
                fieldLine = input.line
                fieldColumn = input.column(at: input.pos)
                if base[input.pos] == 0x22 {
                    input.pos += 1
                    state = .quoted
                } else {
                    state = .unquoted
                }

            case .unquoted:
                let end = input.end
                var i = input.pos
                while i < end {
                    let byte = base[i]
                    if byte == 0x2C || byte == 0x0A || byte == 0x0D || byte == 0x22 { break }
                    i += 1
                }
                try append(base + input.pos, i - input.pos)
                input.pos = i
                if i == end { continue }
                switch base[i] {
                case 0x2C:
                    try finishField()
                    input.pos += 1
                    state = .fieldStart
                case 0x0A:
                    try finishField()
                    input.pos += 1
                    input.startLine(at: input.pos)
                    return record()
                case 0x0D:
                    try consumeCarriageReturn()
                    try finishField()
                    return record()
                default:
                    throw .quoteInUnquotedField(line: input.line, column: input.column(at: i))
                }

            case .quoted:
                let start = base + input.pos
                let available = input.end - input.pos
                let quote = memchr(start, 0x22, available)
                let length = quote.map { $0.assumingMemoryBound(to: UInt8.self) - start } ?? available
                if let quote, fieldBytes.isEmpty, length + 1 < available, start[length + 1] != 0x22 {
                    // The whole field is in the window and has no doubled quote: build it in place.
                    let bytes = UnsafeBufferPointer(start: start, count: length)
                    if memchr(start, 0x0A, length) == nil, let text = UTF8Text.string(bytes) {
                        if length > maximumFieldBytes {
                            throw .fieldTooLarge(
                                line: fieldLine,
                                column: fieldColumn,
                                limit: maximumFieldBytes,
                                quoted: true
                            )
                        }
                        recordBytes += length
                        if recordBytes > maximumRecordBytes {
                            throw .recordTooLarge(line: recordLine, limit: maximumRecordBytes)
                        }
                        completedField = text
                        input.pos = quote.assumingMemoryBound(to: UInt8.self) + 1 - base
                        state = .afterQuote
                        continue
                    }
                }
                var scan = start
                var remaining = length
                while let newline = memchr(scan, 0x0A, remaining) {
                    let next = newline.assumingMemoryBound(to: UInt8.self) + 1
                    remaining -= next - scan
                    scan = next
                    input.startLine(at: next - base)
                }
                try append(start, length)
                input.pos += length
                if quote != nil {
                    input.pos += 1
                    state = .afterQuote
                }

            case .afterQuote:
                switch base[input.pos] {
                case 0x22:
                    try append(base + input.pos, 1)
                    input.pos += 1
                    state = .quoted
                case 0x2C:
                    try finishField()
                    input.pos += 1
                    state = .fieldStart
                case 0x0A:
                    try finishField()
                    input.pos += 1
                    input.startLine(at: input.pos)
                    return record()
                case 0x0D:
                    try consumeCarriageReturn()
                    try finishField()
                    return record()
                default:
                    throw .textAfterClosingQuote(line: input.line, column: input.column(at: input.pos))
                }
            }
        }
    }

    /// The `not-utf8` error for the field in `fieldBytes`, pointing at the line and column of the first bad byte.
    ///
    /// The column can be off by the number of doubled quotes before the bad byte on the same line.
    private static func invalidUTF8InField(
        _ fieldBytes: [UInt8],
        line: Int,
        column: Int,
        quoted: Bool
    )
        -> ManifestInputError
    {
        fieldBytes.withUnsafeBufferPointer { bytes in
            let offset = UTF8Text.firstInvalidOffset(bytes) ?? 0
            var badLine = line
            var badColumn = column + (quoted ? 1 : 0) + offset
            for index in 0..<offset where bytes[index] == 0x0A {
                badLine += 1
                badColumn = offset - index
            }
            return .notUTF8(line: badLine, column: badColumn)
        }
    }
}
