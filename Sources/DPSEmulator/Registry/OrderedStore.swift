/// Items by case-insensitive ID, kept in creation order with stable sequence numbers for paging.
///
/// A query page starts after a sequence number (the continuation token), so pages stay correct while items are
/// created or deleted between two page requests: nothing is skipped or repeated that existed throughout.
/// Deleting leaves a tombstone in the order list; tombstones are swept when they outnumber live items.
struct OrderedStore<Item: Sendable>: Sendable {
    private struct Entry: Sendable {
        var item: Item
        let sequence: Int
    }

    private var entries: [String: Entry] = [:]
    /// (sequence, key) in ascending sequence; key nil once deleted.
    private var order: [(sequence: Int, key: String?)] = []
    private var tombstones = 0
    private(set) var nextSequence = 1

    /// The number of items.
    var count: Int { entries.count }

    /// The item with `id` (case-insensitive).
    func item(_ id: String) -> Item? { entries[Self.key(id)]?.item }

    /// The sequence number of the item with `id`.
    func sequence(of id: String) -> Int? { entries[Self.key(id)]?.sequence }

    /// Inserts a new item or replaces an existing one (which keeps its place in the order).
    mutating func set(_ item: Item, id: String, sequence: Int? = nil) {
        let key = Self.key(id)
        if let existing = entries[key] {
            entries[key] = Entry(item: item, sequence: existing.sequence)
            return
        }
        let assigned = sequence ?? nextSequence
        nextSequence = max(nextSequence, assigned + 1)
        entries[key] = Entry(item: item, sequence: assigned)
        if let last = order.last, last.sequence > assigned {
            let index = order.firstIndex { $0.sequence > assigned } ?? order.endIndex
            order.insert((assigned, key), at: index)
        } else {
            order.append((assigned, key))
        }
    }

    /// Removes the item with `id`; returns it.
    @discardableResult
    mutating func remove(_ id: String) -> Item? {
        let key = Self.key(id)
        guard let entry = entries.removeValue(forKey: key) else { return nil }
        if let index = position(ofSequence: entry.sequence) {
            order[index].key = nil
            tombstones += 1
        }
        if tombstones > 1024 && tombstones > entries.count {
            order.removeAll { $0.key == nil }
            tombstones = 0
        }
        return entry.item
    }

    /// Up to `limit` items created after sequence `after`, and the continuation for the next page (nil at the end).
    func page(after: Int, limit: Int) -> (items: [Item], continuation: Int?) {
        var index = firstPosition(afterSequence: after)
        var items: [Item] = []
        items.reserveCapacity(min(limit, entries.count))
        var lastSequence = after
        while index < order.count && items.count < limit {
            if let key = order[index].key, let entry = entries[key] {
                items.append(entry.item)
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
            if let key = order[index].key, let entry = entries[key], include(entry.item) {
                if items.count == limit { return (items, lastSequence) }
                items.append(entry.item)
                lastSequence = order[index].sequence
            }
            index += 1
        }
        return (items, nil)
    }

    /// Every item in creation order.
    var all: [Item] {
        order.compactMap { $0.key.flatMap { entries[$0]?.item } }
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
