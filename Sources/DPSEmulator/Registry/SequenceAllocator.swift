/// Gives the items a bulk operation creates consecutive sequence numbers while it is being planned.
struct SequenceAllocator {
    var next: Int

    /// The sequence a planned write will have: an existing item keeps its own, a new one takes the next; nil for
    /// a delete.
    mutating func sequence<Item>(for write: ItemTable<Item>.Write, in table: ItemTable<Item>) -> Int? {
        guard case .put(let item) = write else { return nil }
        if let existing = table.store.sequence(of: item.identifier) { return existing }
        defer { next += 1 }
        return next
    }
}
