import Testing

@testable import DPSEmulator

/// The registry's segmented ID index behaves like a `Dictionary` and spreads keys over its segments.
struct SegmentedDictionaryTests {
    @Test func insertsReplacesAndRemovesLikeADictionary() {
        var segmented = SegmentedDictionary<String, Int>()
        var reference: [String: Int] = [:]
        for index in 0..<5000 {
            segmented["key-\(index)"] = index
            reference["key-\(index)"] = index
        }
        for index in stride(from: 0, to: 5000, by: 3) {
            segmented["key-\(index)"] = -index
            reference["key-\(index)"] = -index
        }
        for index in stride(from: 0, to: 5000, by: 7) {
            #expect(segmented.removeValue(forKey: "key-\(index)") == reference.removeValue(forKey: "key-\(index)"))
        }
        for index in stride(from: 1, to: 5000, by: 11) {
            segmented["key-\(index)"] = nil
            reference["key-\(index)"] = nil
        }
        #expect(segmented.removeValue(forKey: "absent") == nil)
        segmented["absent"] = nil
        #expect(segmented.count == reference.count)
        for index in 0..<5000 { #expect(segmented["key-\(index)"] == reference["key-\(index)"]) }
    }

    @Test func spreadsKeysOverEverySegment() {
        var segmented = SegmentedDictionary<String, Int>()
        for index in 0..<64_000 { segmented["bench-0-\(index)"] = index }
        let counts = segmented.segmentCounts
        #expect(counts.count == SegmentedDictionary<String, Int>.segmentCount)
        #expect(counts.reduce(0, +) == 64_000)
        // 1,000 expected per segment; a fair hash stays well inside this band.
        #expect(counts.allSatisfy { (700...1300).contains($0) })
    }
}
