import Foundation
import Testing

@testable import DPSValidation
@testable import DPSWireFormats

struct StrictBase64Tests {
    @Test(
        arguments: [
            ("", [UInt8]()),
            ("QQ==", [0x41]),
            ("QUI=", [0x41, 0x42]),
            ("QUJD", [0x41, 0x42, 0x43]),
            ("QUJDRA==", [0x41, 0x42, 0x43, 0x44]),
            ("+/+/", [0xFB, 0xFF, 0xBF]),
            ("AAAA", [0, 0, 0]),
        ] as [(String, [UInt8])]
    )
    func decodesCanonicalInput(input: String, expected: [UInt8]) throws {
        #expect(try StrictBase64.decode(input).get() == expected)
        #expect(StrictBase64.decodedLength(of: input) == expected.count)
    }

    @Test(
        arguments: [
            ("QU JD", StrictBase64Error.Code.whitespace, 2),
            ("QUJD\n", .whitespace, 4),
            ("QUJD\r\nQUJD", .whitespace, 4),
            ("\tQUJD", .whitespace, 0),
            ("QUJD QUJD", .whitespace, 4),
            ("a-b_", .urlSafeCharacter, 1),
            ("QUJD_w==", .urlSafeCharacter, 4),
            ("QUJD-w", .urlSafeCharacter, 4),
            ("QQ", .invalidLength, 2),
            ("QQ=", .invalidLength, 3),
            ("QUJ", .invalidLength, 3),
            ("QUJDR", .invalidLength, 5),
            ("QUJDQUJDQ", .invalidLength, 9),
            ("QQ===", .misplacedPadding, 2),
            ("QUJD====", .misplacedPadding, 4),
            ("Q===", .misplacedPadding, 1),
            ("=QUJ", .misplacedPadding, 0),
            ("QQ=A", .misplacedPadding, 2),
            ("QQ==QUJD", .misplacedPadding, 2),
            ("QR==", .nonZeroTrailingBits, 1),
            ("QUJ=", .nonZeroTrailingBits, 2),
            ("QUJDQR==", .nonZeroTrailingBits, 5),
            ("QU*D", .invalidCharacter, 2),
            ("QUJD\u{E9}AAA", .invalidCharacter, 4),
            ("\u{FEFF}QUJD", .invalidCharacter, 0),
            ("QUJD\"", .invalidCharacter, 4),
        ] as [(String, StrictBase64Error.Code, Int)]
    )
    func rejectsNonCanonicalInput(input: String, code: StrictBase64Error.Code, offset: Int) {
        switch StrictBase64.decode(input) {
        case .success(let bytes):
            Issue.record("decoded \(bytes) from \(input.debugDescription)")
        case .failure(let error):
            #expect(error.code == code)
            #expect(error.offset == offset)
            #expect(error.message.contains("offset \(offset)"))
        }
    }

    @Test func agreesWithFoundationOnEveryLengthAndRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        for count in 0..<80 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let reference = Data(bytes).base64EncodedString()
            #expect(StrictBase64.encode(bytes) == reference)
            #expect(try StrictBase64.decode(reference).get() == bytes)
            #expect(try StrictBase64.decode(Substring(reference)).get() == bytes)
            #expect(StrictBase64.decodedLength(of: reference) == count)
        }
    }

    @Test func decodedLengthIsNilForBadLength() {
        #expect(StrictBase64.decodedLength(of: "QUJ") == nil)
        #expect(StrictBase64.decodedLength(of: "") == 0)
    }

    @Test func errorsCompareByCode() {
        let a = StrictBase64Error(code: .whitespace, offset: 1, message: "a")
        let b = StrictBase64Error(code: .whitespace, offset: 9, message: "b")
        #expect(a == b)
        #expect(a != StrictBase64Error(code: .invalidLength, offset: 1, message: "a"))
    }

    @Test(arguments: TPMFixtures.keys)
    func fixturesAreCanonicalBase64(name: String) throws {
        let text = try TPMFixtures.text(name)
        let bytes = try StrictBase64.decode(text).get()
        #expect(StrictBase64.encode(bytes) == text)
        #expect(Data(base64Encoded: text).map([UInt8].init) == bytes)
    }
}
