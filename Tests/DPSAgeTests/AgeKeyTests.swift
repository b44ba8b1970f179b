import Testing

@testable import DPSAge

struct AgeKeyTests {
    @Test func anIdentityNeverPrintsItsSecret() throws {
        let identity = AgeIdentity.generate()
        #expect(!"\(identity)".contains("AGE-SECRET-KEY"))
        #expect(identity.secretText.hasPrefix("AGE-SECRET-KEY-1"))
        #expect(try AgeIdentity(identity.secretText).recipient == identity.recipient)
    }

    @Test func aBadIdentityIsRefusedWithoutRepeatingIt() throws {
        var text = AgeIdentity.generate().secretText
        text.removeLast()
        text += text.last == "Q" ? "P" : "Q"
        let error = #expect(throws: AgeError.self) { try AgeIdentity.parseFile("# key\n\n\(text)\n", source: "id.txt") }
        #expect(error?.code == "age-bad-identity")
        #expect(error?.message.contains("id.txt line 3") == true)
        #expect(error?.message.contains(String(text.suffix(20))) == false)
    }

    @Test(arguments: [
        "age1", "age1qqqqqq", "AGE1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQS0YNRTF",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", String(repeating: "q", count: 5000),
    ])
    func malformedRecipientsAreRefused(text: String) {
        #expect(throws: AgeError.self) { try AgeRecipient(text) }
    }

    @Test func anIdentityGivenAsARecipientIsRefusedWithoutEchoingIt() throws {
        let secret = AgeIdentity.generate().secretText
        for text in [secret, secret.lowercased()] {
            let error = #expect(throws: AgeError.self) { try AgeRecipient(text) }
            #expect(error?.message.contains(String(secret.dropFirst(16).prefix(10))) == false)
            #expect(error?.message.lowercased().contains(String(secret.dropFirst(16).prefix(10)).lowercased()) == false)
        }
        let error = #expect(throws: AgeError.self) { try AgeRecipient.parseList("\(secret)\n", source: "r.txt") }
        #expect(error?.message.contains("instead of its recipient") == true)
    }

    @Test func recipientsRoundTripThroughText() throws {
        let recipient = AgeIdentity.generate().recipient
        #expect(try AgeRecipient(recipient.description) == recipient)
        #expect(try AgeRecipient.parseList("# team\n\(recipient)\n\n", source: "r.txt") == [recipient])
    }

    @Test func base64IsStrictAndCanonical() {
        #expect(AgeBase64.decode(Array("AAAA".utf8)) == [0, 0, 0])
        #expect(AgeBase64.decode(Array("AA==".utf8)) == nil)
        #expect(AgeBase64.decode(Array("AB".utf8)) == nil)  // stray bits
        #expect(AgeBase64.decode(Array("A".utf8)) == nil)
        for n in 0..<10 {
            let bytes = (0..<n).map { UInt8($0 * 37 & 0xFF) }
            #expect(AgeBase64.decode(Array(AgeBase64.encode(bytes).utf8)) == bytes)
        }
    }

    @Test func aHeaderWithTooManyStanzasIsRefusedBeforeAllocating() throws {
        var header = "age-encryption.org/v1\n"
        for _ in 0...AgeHeader.maximumStanzas { header += "-> X y\n\n" }
        let error = #expect(throws: AgeError.self) { try decrypt(Array(header.utf8), with: [AgeIdentity.generate()]) }
        #expect(error?.code == "age-bad-header")
    }

    @Test func roundTripsInProcess() throws {
        let identity = AgeIdentity.generate()
        for size in [0, 5, 65_536, 65_537, 300_000] {
            let plaintext = testBytes(size)
            #expect(try decrypt(try encrypt(plaintext, to: [identity.recipient]), with: [identity]) == plaintext)
        }
    }
}
