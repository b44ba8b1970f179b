import Testing

@testable import DPSValidation

struct KeyHashTests {
    func hash(_ bytes: [UInt8], seed: UInt64 = 1) -> UInt64 {
        bytes.withUnsafeBytes { KeyHash.hash($0, seed: seed) }
    }

    @Test func isDeterministicAndSeparatesSeeds() {
        let key = Array("AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEA".utf8)
        #expect(hash(key) == hash(key))
        #expect(hash(key, seed: 1) != hash(key, seed: 2))
    }

    /// Every length class of the algorithm (0, 1–3, 4–16, 17–48, over 48), and a one-bit change anywhere.
    @Test(arguments: [0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 47, 48, 49, 95, 96, 97, 416])
    func distinguishesNeighbours(length: Int) {
        let base = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var seen: Set<UInt64> = [hash(base)]
        for position in 0..<length {
            var changed = base
            changed[position] ^= 0x01
            #expect(seen.insert(hash(changed)).inserted, "collision at \(position) of \(length)")
        }
        #expect(!seen.contains(hash(base + [0])))
    }

    @Test func hasNoCollisionsOnManySimilarKeys() {
        var seen = Set<UInt64>()
        for index in 0..<200_000 {
            let key = Array("tpm-line3-\(index)".utf8)
            seen.insert(hash(key))
        }
        #expect(seen.count == 200_000)
    }
}

struct DuplicateKeysScanTests {
    @Test(arguments: [
        ("", false),
        ("abc", false),
        ("AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMA", false),
        ("AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEM ", true),
        ("AToAAQALAAM\nAsgAgg3GXZ0SEs", true),
        ("\tAToAAQALAAMAsgAgg3GXZ0SEs", true),
        ("AToAAQAL\u{0}", true),
        ("AToAAQAL!AAMAsgAg", false),
        ("é non-ASCII bytes above 0x80 ü", true),
        ("éü", false),
    ])
    func whitespaceOrControl(text: String, expected: Bool) {
        let found = Array(text.utf8).withUnsafeBytes { DuplicateKeys.containsWhitespaceOrControl($0) }
        #expect(found == expected)
        #expect(found == text.utf8.contains { $0 <= 0x20 })
    }
}
