import Testing

@testable import DPSEngine

/// The word-at-a-time scan of string content stops exactly at the bytes a string's scan must look at.
struct CanonicalJSONScanningTests {
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte > 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    @Test func everyByteValueAtEveryPositionOfAWordIsSeenExactlyWhenItMatters() {
        let plain = Array("AbZ+/=09".utf8)
        for position in 0..<8 {
            for value in 0...255 {
                var bytes = plain
                bytes[position] = UInt8(value)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(CanonicalJSON.needsLook(word) == Self.isSpecial(UInt8(value)), "\(value) at \(position)")
            }
        }
    }

    @Test(arguments: [
        ("", 0), ("abcdefgh", 8), ("abcdefgh\"", 8), ("abc\"defgh", 0), ("abcdefghijklmnop\\", 16),
        ("abcdefghijklmnopqrs", 16), ("abcdefgh\u{1}", 8), ("abcdefghé", 8), ("abcdefghijklmnoé", 8),
    ])
    func aRunStopsAtTheWordHoldingTheFirstByteToLookAt(text: String, expected: Int) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { CanonicalJSON.plainRun(in: $0, from: 0) } == expected)
    }
}
