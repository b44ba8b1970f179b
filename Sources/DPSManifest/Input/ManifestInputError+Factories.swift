extension ManifestInputError {
    static func fileNotFound(path: String) -> ManifestInputError {
        ManifestInputError(code: .fileNotFound, message: "no such file: \(path)")
    }

    static func unreadable(path: String, reason: String) -> ManifestInputError {
        ManifestInputError(code: .unreadable, message: "cannot read \(path): \(reason)")
    }

    static func notUTF8(line: Int, column: Int) -> ManifestInputError {
        ManifestInputError(
            code: .notUTF8,
            line: line,
            column: column,
            message: "line \(line), column \(column): the bytes are not valid UTF-8 (save the file as UTF-8)"
        )
    }

    static func unterminatedQuote(line: Int, column: Int) -> ManifestInputError {
        ManifestInputError(
            code: .unterminatedQuote,
            line: line,
            column: column,
            message: "line \(line): a quoted field opened here (column \(column)) is never closed (missing closing \")"
        )
    }

    static func quoteInUnquotedField(line: Int, column: Int) -> ManifestInputError {
        ManifestInputError(
            code: .quoteInUnquotedField,
            line: line,
            column: column,
            message: "line \(line), column \(column): a quote (\") inside a field that does not start with one; "
                + "quote the whole field and double the inner quote (\"\")"
        )
    }

    static func textAfterClosingQuote(line: Int, column: Int) -> ManifestInputError {
        ManifestInputError(
            code: .textAfterClosingQuote,
            line: line,
            column: column,
            message: "line \(line), column \(column): text after the closing quote of a quoted field; "
                + "a quoted field must end at a comma or a line end (write \"\" for a literal quote)"
        )
    }

    static func fieldTooLarge(line: Int, column: Int, limit: Int, quoted: Bool) -> ManifestInputError {
        let hint = quoted ? "; is its closing quote (\") missing?" : ""
        return ManifestInputError(
            code: .fieldTooLarge,
            line: line,
            column: column,
            message: "line \(line): the field starting at column \(column) is longer than \(limit) bytes\(hint)"
        )
    }

    static func recordTooLarge(line: Int, limit: Int) -> ManifestInputError {
        ManifestInputError(
            code: .recordTooLarge,
            line: line,
            message: "line \(line): the record starting here is longer than \(limit) bytes; "
                + "is a closing quote (\") missing?"
        )
    }

    static func tooManyFields(line: Int, limit: Int) -> ManifestInputError {
        ManifestInputError(
            code: .tooManyFields,
            line: line,
            message: "line \(line): the record has more than \(limit) fields; a manifest row has one field per "
                + "column, and no more than \(limit) columns are read"
        )
    }

    static func lineTooLarge(line: Int, limit: Int) -> ManifestInputError {
        ManifestInputError(
            code: .lineTooLarge,
            line: line,
            message: "line \(line): the line is longer than \(limit) bytes; put one record per line"
        )
    }

    static func bareCarriageReturn(line: Int, column: Int) -> ManifestInputError {
        ManifestInputError(
            code: .bareCarriageReturn,
            line: line,
            column: column,
            message: "line \(line), column \(column): a carriage return (CR) not followed by a line feed; "
                + "only LF and CRLF line endings are supported (quote the field if the CR is data)"
        )
    }

    static func notGzip() -> ManifestInputError {
        ManifestInputError(
            code: .gzipCorrupt,
            message: "the name ends in .gz but the file is not gzip-compressed (it does not start with the gzip "
                + "signature 1f 8b); rename it without .gz if it is a plain manifest"
        )
    }

    static func gzipCorrupt(reason: String, offset: Int) -> ManifestInputError {
        ManifestInputError(
            code: .gzipCorrupt,
            message: "the gzip data is damaged near compressed byte \(offset) (zlib: \(reason)); "
                + "use an intact copy (`gzip -t FILE` tests one)"
        )
    }

    static func gzipTrailingData(members: Int, offset: Int) -> ManifestInputError {
        ManifestInputError(
            code: .gzipCorrupt,
            message: "after \(members) complete gzip member\(members == 1 ? "" : "s"), the bytes at compressed byte "
                + "\(offset) are not another gzip member; the file is damaged or has data appended: "
                + "use an intact copy (`gzip -t FILE` tests one)"
        )
    }

    static func gzipTruncated(offset: Int) -> ManifestInputError {
        ManifestInputError(
            code: .gzipTruncated,
            message: "the gzip data ends inside a gzip member after \(offset) bytes: the file is truncated "
                + "(an interrupted copy, download or export?); use a complete copy (`gzip -t FILE` tests one)"
        )
    }

    static func gzipEmpty() -> ManifestInputError {
        ManifestInputError(
            code: .gzipTruncated,
            message: "the file is empty but its name ends in .gz: a gzip file holds at least one gzip member "
                + "(was it cut short?); rename it without .gz if it is meant to be an empty plain manifest"
        )
    }
}
