import Testing

@testable import DPSEmulator

/// The registry's store keeps creation order and each ID's sequence across chunk and segment boundaries.
struct OrderedStoreTests {
    @Test func loadsOutOfOrderSequencesIntoCreationOrder() {
        var store = OrderedStore<String>()
        for sequence in [5, 1, 9, 3, 7, 2] { store.set("v\(sequence)", id: "ID\(sequence)", sequence: sequence) }
        #expect(store.all == ["v1", "v2", "v3", "v5", "v7", "v9"])
        #expect(store.nextSequence == 10)
        #expect(store.sequence(of: "id3") == 3)
        store.set("v10", id: "id10")
        #expect(store.sequence(of: "ID10") == 10)
        let page = store.page(after: 3, limit: 2)
        #expect(page.items == ["v5", "v7"])
        #expect(page.continuation == 7)
    }

    @Test func manyItemsKeepTheirSequencesThroughDeletesAndSweeps() {
        var store = OrderedStore<Int>()
        for index in 0..<20_000 { store.set(index, id: "Item-\(index)") }
        for index in stride(from: 0, to: 20_000, by: 2) { #expect(store.remove("item-\(index)") == index) }
        // More tombstones than live items once past half: swept; lookups still find every live item.
        for index in stride(from: 1, to: 15_000, by: 2) { store.remove("ITEM-\(index)") }
        #expect(store.count == 2500)
        #expect(store.item("item-0") == nil)
        for index in stride(from: 15_001, to: 20_000, by: 2) {
            #expect(store.item("item-\(index)") == index)
            #expect(store.sequence(of: "item-\(index)") == index + 1)
        }
        #expect(store.all == Array(stride(from: 15_001, to: 20_000, by: 2)))
        store.set(-1, id: "item-15001")
        #expect(store.page(after: 0, limit: 1).items == [-1])
        #expect(store.remove("item-0") == nil)
    }
}
