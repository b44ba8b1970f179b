/// Builds Strings from raw bytes, validating UTF-8 once per field or line.
enum UTF8Text {
    /// The String for `bytes` if they are valid UTF-8.
    ///
    /// ASCII (almost every manifest field) takes a word-at-a-time check and the non-generic `String(decoding:)`;
    /// `String(validating:as:)` is generic and unspecialized here, which costs more than the parsing itself.
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// True when every byte is below 0x80.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(start)
        let count = bytes.count
        var index = 0
        var bits: UInt64 = 0
        while index + 8 <= count {
            bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < count {
            bits |= UInt64(start[index])
            index += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// The offset of the first byte of `bytes` that is not part of a valid UTF-8 sequence, or nil if all are valid.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
