/// Items by case-insensitive ID, kept in creation order with stable sequence numbers for paging.
///
/// A query page starts after a sequence number (the continuation token), so pages stay correct while items are
/// created or deleted between two page requests: nothing is skipped or repeated that existed throughout.
/// Deleting leaves a tombstone in the order list; tombstones are swept when they outnumber live items.
///
/// Each item is held once, in its slot of the order list (a ``ChunkedArray``, sorted by sequence); the ID index (a
/// ``SegmentedDictionary``) maps a key to its sequence only, and a lookup finds the slot by binary search. Neither
/// structure copies or rehashes everything it holds when it grows, so memory grows with the items held and no
/// single insert stalls the registry.
struct OrderedStore<Item: Sendable>: Sendable {
    private struct Slot: Sendable {
        let sequence: Int
        /// nil once deleted (a tombstone), with the item.
        var key: String?
        var item: Item?
    }

    /// Key → sequence of its slot.
    private var sequences = SegmentedDictionary<String, Int>()
    /// Slots in ascending sequence.
    private var order = ChunkedArray<Slot>()
    private var tombstones = 0
    private(set) var nextSequence = 1

    /// The number of items.
    var count: Int { sequences.count }

    /// The item with `id` (case-insensitive).
    func item(_ id: String) -> Item? {
        guard let sequence = sequences[Self.key(id)], let index = position(ofSequence: sequence) else { return nil }
        return order[index].item
    }

    /// The sequence number of the item with `id`.
    func sequence(of id: String) -> Int? { sequences[Self.key(id)] }

    /// Inserts a new item or replaces an existing one (which keeps its place in the order).
    mutating func set(_ item: Item, id: String, sequence: Int? = nil) {
        let key = Self.key(id)
        if let existing = sequences[key], let index = position(ofSequence: existing) {
            order[index].item = item
            return
        }
        let assigned = sequence ?? nextSequence
        nextSequence = max(nextSequence, assigned + 1)
        sequences[key] = assigned
        let slot = Slot(sequence: assigned, key: key, item: item)
        if let last = order.last, last.sequence > assigned {
            order.insert(slot, at: firstPosition(afterSequence: assigned))
        } else {
            order.append(slot)
        }
    }

    /// Removes the item with `id`; returns it.
    @discardableResult
    mutating func remove(_ id: String) -> Item? {
        guard let sequence = sequences.removeValue(forKey: Self.key(id)), let index = position(ofSequence: sequence)
        else { return nil }
        let item = order[index].item
        order[index] = Slot(sequence: sequence, key: nil, item: nil)
        tombstones += 1
        if tombstones > 1024 && tombstones > sequences.count {
            order.removeAll { $0.key == nil }
            tombstones = 0
        }
        return item
    }

    /// Up to `limit` items created after sequence `after`, and the continuation for the next page (nil at the end).
    func page(after: Int, limit: Int) -> (items: [Item], continuation: Int?) {
        var index = firstPosition(afterSequence: after)
        var items: [Item] = []
        items.reserveCapacity(min(limit, count))
        var lastSequence = after
        while index < order.count && items.count < limit {
            if let item = order[index].item {
                items.append(item)
                lastSequence = order[index].sequence
            }
            index += 1
        }
        while index < order.count && order[index].key == nil { index += 1 }
        return (items, index < order.count ? lastSequence : nil)
    }

    /// Up to `limit` items matching `include`, created after sequence `after`, and the continuation (the sequence
    /// of the last item returned) when more matching items follow.
    func page(after: Int, limit: Int, where include: (Item) -> Bool) -> (items: [Item], continuation: Int?) {
        var index = firstPosition(afterSequence: after)
        var items: [Item] = []
        var lastSequence = after
        while index < order.count {
            if let item = order[index].item, include(item) {
                if items.count == limit { return (items, lastSequence) }
                items.append(item)
                lastSequence = order[index].sequence
            }
            index += 1
        }
        return (items, nil)
    }

    /// Every item in creation order.
    var all: [Item] {
        order.compactMap(\.item)
    }

    static func key(_ id: String) -> String { id.lowercased() }

    private func firstPosition(afterSequence sequence: Int) -> Int {
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if order[middle].sequence <= sequence { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func position(ofSequence sequence: Int) -> Int? {
        let index = firstPosition(afterSequence: sequence - 1)
        return index < order.count && order[index].sequence == sequence ? index : nil
    }
}
