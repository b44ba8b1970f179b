import DPSModel
import Foundation

/// The individual enrollments or the enrollment groups of the registry, with the service's write rules.
///
/// Writes are planned first (every check, the stored form) and applied only after they were made durable, so a
/// failed write to disk changes nothing.
struct ItemTable<Item: RegistryItem>: Sendable {
    private(set) var store = OrderedStore<Item>()

    /// A planned write.
    enum Write: Sendable {
        case put(Item)
        case delete(id: String)
    }

    var count: Int { store.count }

    func get(_ id: String) throws(ServiceError) -> Item {
        guard let item = store.item(id) else {
            throw ServiceError.notFound("\(Item.noun.capitalizedFirst) '\(id)' not found.")
        }
        return item
    }

    /// Plans a create-or-replace of `id` by `body` (PUT): 409 when it exists and no If-Match was given, 412 when
    /// If-Match does not match, `*` replaces unconditionally.
    func planPut(
        _ id: String,
        body: Item,
        ifMatch: String?,
        timestamp: Timestamp
    ) throws(ServiceError) -> Item {
        guard body.identifier.lowercased() == id.lowercased() else {
            throw ServiceError.badRequest(
                "The \(Item.noun) ID in the body ('\(body.identifier)') does not match the ID in the path ('\(id)')."
            )
        }
        let existing = store.item(id)
        switch (existing, ifMatch) {
        case (.some, nil):
            throw ServiceError.conflict(
                "\(Item.noun.capitalizedFirst) '\(id)' already exists; send If-Match with its ETag (or *) to replace it."
            )
        case (.some(let current), .some(let tag)) where !EntityTag.matches(ifMatch: tag, current: current.etag):
            throw ServiceError.preconditionFailed("The ETag of \(Item.noun) '\(id)' does not match If-Match.")
        case (nil, .some(let tag)) where EntityTag.unquoted(tag) != "*":
            throw ServiceError.preconditionFailed(
                "\(Item.noun.capitalizedFirst) '\(id)' does not exist, so If-Match cannot match."
            )
        default:
            break
        }
        return try stamp(ItemPreparer().prepare(body), replacing: existing, timestamp: timestamp)
    }

    /// Plans a delete: 404 when absent, 412 when If-Match does not match.
    func planDelete(_ id: String, ifMatch: String?) throws(ServiceError) -> Write {
        let current = try get(id)
        if let ifMatch, !EntityTag.matches(ifMatch: ifMatch, current: current.etag) {
            throw ServiceError.preconditionFailed("The ETag of \(Item.noun) '\(id)' does not match If-Match.")
        }
        return .delete(id: current.identifier)
    }

    /// Plans one item of a bulk operation; its stored form is looked at only where a put needs it, so an item's
    /// answer is the same as if it were prepared here (a 409 or 404 wins over the item's own 400).
    func planBulkItem(
        _ entry: PreparedBulkItem<Item>,
        mode: BulkOperationMode,
        timestamp: Timestamp
    ) throws(ServiceError) -> Write {
        let item = entry.item
        let id = item.identifier
        let existing = store.item(id)
        switch mode {
        case .create:
            if existing != nil { throw ServiceError.conflict("\(Item.noun.capitalizedFirst) '\(id)' already exists.") }
            return .put(try stamp(entry.stored(), replacing: nil, timestamp: timestamp))
        case .update:
            guard let existing else { throw ServiceError.notFound("\(Item.noun.capitalizedFirst) '\(id)' not found.") }
            return .put(try stamp(entry.stored(), replacing: existing, timestamp: timestamp))
        case .updateIfMatchETag:
            guard let existing else { throw ServiceError.notFound("\(Item.noun.capitalizedFirst) '\(id)' not found.") }
            guard let tag = item.etag, EntityTag.matches(ifMatch: tag, current: existing.etag) else {
                throw ServiceError.preconditionFailed("The ETag of \(Item.noun) '\(id)' does not match.")
            }
            return .put(try stamp(entry.stored(), replacing: existing, timestamp: timestamp))
        case .delete:
            guard let existing else { throw ServiceError.notFound("\(Item.noun.capitalizedFirst) '\(id)' not found.") }
            if let tag = item.etag, !EntityTag.matches(ifMatch: tag, current: existing.etag) {
                throw ServiceError.preconditionFailed("The ETag of \(Item.noun) '\(id)' does not match.")
            }
            return .delete(id: existing.identifier)
        default:
            throw ServiceError.badRequest("Unknown bulk operation mode '\(mode.rawValue)'.")
        }
    }

    /// The sequence number a planned put will have (existing items keep theirs).
    func sequence(for item: Item) -> Int {
        store.sequence(of: item.identifier) ?? store.nextSequence
    }

    mutating func apply(_ write: Write, sequence: Int? = nil) {
        switch write {
        case .put(let item): store.set(item, id: item.identifier, sequence: sequence)
        case .delete(let id): store.remove(id)
        }
    }

    func page(after: Int, limit: Int) -> (items: [Item], continuation: Int?) {
        store.page(after: after, limit: limit)
    }

    private func stamp(_ item: Item, replacing existing: Item?, timestamp: Timestamp) -> Item {
        var item = item
        item.etag = EntityTag.make()
        item.createdDateTimeUtc = existing?.createdDateTimeUtc ?? timestamp
        item.lastUpdatedDateTimeUtc = timestamp
        return item
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
