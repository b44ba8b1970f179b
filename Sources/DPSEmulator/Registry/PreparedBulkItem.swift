import DPSModel

/// An item of a bulk operation with its stored form prepared ahead by ``ItemPreparer`` (rules checked, keys
/// generated, certificate `info` computed), outside the registry's actor: requests prepare their items in parallel
/// and the actor, which serves one request at a time, only plans and applies.
///
/// The outcome is kept, failure included, and only looked at where planning the item would have prepared it
/// (``ItemTable/planBulkItem(_:mode:timestamp:)``), so every item gets the answer it got when it was prepared in
/// place. Items of a delete are not prepared: a delete never stores them.
struct PreparedBulkItem<Item: RegistryItem>: Sendable {
    /// The item as the client sent it.
    let item: Item
    private let prepared: Result<Item, ServiceError>?

    /// Prepares `item` for a bulk operation in `mode`.
    init(_ item: Item, mode: BulkOperationMode) {
        self.item = item
        if mode == .delete {
            prepared = nil
        } else {
            do throws(ServiceError) {
                prepared = .success(try ItemPreparer().prepare(item))
            } catch {
                prepared = .failure(error)
            }
        }
    }

    /// The stored form (still without timestamps and ETag), or the 400 the service answers for the item.
    func stored() throws(ServiceError) -> Item {
        guard let prepared else { return try ItemPreparer().prepare(item) }
        return try prepared.get()
    }
}
