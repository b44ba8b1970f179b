import Foundation
import Testing

@testable import DPSWireFormats

struct PEMBase64Tests {
    @Test(arguments: 1..<40)
    func agreesWithFoundation(length: Int) throws {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let encoded = Data(bytes).base64EncodedString(options: [.lineLength64Characters])
        let decoded = try PEMBase64.decode(encoded[...])
        #expect(decoded == bytes)
    }

    @Test func ignoresWhitespaceAndEscapedNewlines() throws {
        #expect(try PEMBase64.decode(" TW Fu\r\n\tYQ==\\n") == Array("Mana".utf8))
        #expect(try PEMBase64.decode("TWFu\\r\\nTWFu") == Array("ManMan".utf8))
    }

    @Test(arguments: [
        ("", PEMBase64.Failure.Kind.empty),
        ("TW!u", .invalidCharacter),
        ("TW-u", .invalidCharacter),
        ("TW\\tu", .invalidCharacter),
        ("TWF", .badLength),
        ("TWFuT", .badLength),
        ("TQ=", .badPadding),
        ("T===", .badLength),
        ("TWE==", .badPadding),
        ("TQ==TQ==", .badPadding),
        ("TWFu====", .badPadding),
    ])
    func rejects(text: String, kind: PEMBase64.Failure.Kind) {
        #expect {
            try PEMBase64.decode(text[...])
        } throws: { error in
            (error as? PEMBase64.Failure)?.kind == kind
        }
    }
}
