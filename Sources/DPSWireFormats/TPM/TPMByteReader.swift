/// A big-endian cursor over marshalled TPM bytes that throws ``TPMParseError`` with the field name and offset.
struct TPMByteReader {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    mutating func uint16(_ field: String) throws(TPMParseError) -> UInt16 {
        try need(2, for: field)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func uint32(_ field: String) throws(TPMParseError) -> UInt32 {
        try need(4, for: field)
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// A TPM2B: a 2-byte length, then that many bytes. Returns the bytes and the offset of the length field.
    mutating func sized(_ field: String) throws(TPMParseError) -> (bytes: [UInt8], at: Int) {
        let at = offset
        // The size field's name is only spelled out on failure: interpolating it for every key would allocate.
        if remaining < 2 { try need(2, for: "\(field) size") }
        let count = Int(try uint16(field))
        try need(count, for: field, announcedAt: at)
        defer { offset += count }
        return (Array(bytes[offset..<offset + count]), at)
    }

    private func need(_ count: Int, for field: String, announcedAt: Int? = nil) throws(TPMParseError) {
        guard remaining < count else { return }
        let announced = announcedAt.map { " (its size at byte \($0) says \(count))" } ?? ""
        throw TPMParseError(
            code: .truncated,
            offset: offset,
            message: "truncated at byte \(offset): \(field) needs \(count) bytes\(announced) but only \(remaining) "
                + "remain of \(bytes.count); the key was cut short — copy the whole TPM2B_PUBLIC "
                + "(e.g. the complete output of `tpm2_createek -u ek.pub`)"
        )
    }
}
