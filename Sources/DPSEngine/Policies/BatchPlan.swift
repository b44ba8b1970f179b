/// Groups a stream of records into bulk batches the service accepts: at most 10 items, no identifier twice.
///
/// DPS rejects a bulk call of more than 10 items, and a duplicate identifier inside one call fails the whole
/// call. Identifiers compare case-insensitively (registration and group IDs are case-insensitive), so a repeat
/// in any spelling closes the current batch and starts the next one with it. Order is kept: batches are
/// consecutive runs of the input.
///
///     var plan = try BatchPlan()
///     for record in records {
///         if let batch = plan.add(ordinal: record.ordinal, identifier: record.id) { send(batch) }
///     }
///     if let batch = plan.finish() { send(batch) }
public struct BatchPlan: Sendable {
    /// One record's place in the manifest and its identifier.
    public struct Item: Sendable, Hashable {
        /// The record's position in its source (line or ordinal), to report results against.
        public let ordinal: Int
        /// The registration ID or enrollment group ID.
        public let identifier: String

        /// Creates an item.
        public init(ordinal: Int, identifier: String) {
            self.ordinal = ordinal
            self.identifier = identifier
        }
    }

    /// The service's limit on items per bulk call.
    public static let bulkLimit = 10

    /// The most items in one batch, in `1...10`.
    public let maximumBatchSize: Int
    private var current: [Item] = []
    private var identifiers: Set<String> = []

    /// Creates a plan.
    ///
    /// - Throws: ``PolicyError/Code/invalidBatchSize`` unless `maximumBatchSize` is in `1...10`.
    public init(maximumBatchSize: Int = BatchPlan.bulkLimit) throws(PolicyError) {
        guard (1...Self.bulkLimit).contains(maximumBatchSize) else {
            throw PolicyError(
                .invalidBatchSize,
                "the batch size must be between 1 and \(Self.bulkLimit) (got \(maximumBatchSize))"
            )
        }
        self.maximumBatchSize = maximumBatchSize
        current.reserveCapacity(maximumBatchSize)
    }

    /// The items added but not yet handed out in a batch.
    public var pending: [Item] { current }

    /// Adds the next item; returns the batch this closed, if any.
    ///
    /// A batch closes when the item repeats an identifier already in it (the item then starts the next batch)
    /// or when the item fills it to ``maximumBatchSize`` (the item is its last).
    public mutating func add(_ item: Item) -> [Item]? {
        let key = item.identifier.lowercased()
        if identifiers.contains(key) {
            // The closed batch was not full (full ones are handed out at once), so the item alone starts the next
            // one; that one is full only when the size is 1, where nothing is ever pending to repeat.
            let closed = takeCurrent()
            current.append(item)
            identifiers.insert(key)
            return closed
        }
        current.append(item)
        identifiers.insert(key)
        return current.count == maximumBatchSize ? takeCurrent() : nil
    }

    /// Adds the next record; returns the batch this closed, if any.
    public mutating func add(ordinal: Int, identifier: String) -> [Item]? {
        add(Item(ordinal: ordinal, identifier: identifier))
    }

    /// Hands out the last, partial batch; `nil` when nothing is pending.
    public mutating func finish() -> [Item]? {
        current.isEmpty ? nil : takeCurrent()
    }

    /// Splits a whole sequence into batches.
    public static func batches(
        of items: some Sequence<Item>,
        maximumBatchSize: Int = BatchPlan.bulkLimit
    ) throws(PolicyError) -> [[Item]] {
        try batches(of: items, identifier: \.identifier, maximumBatchSize: maximumBatchSize)
    }

    /// Splits a whole sequence of any elements into batches by their identifiers: the one batching of import,
    /// migrate and dry run.
    public static func batches<Element>(
        of elements: some Sequence<Element>,
        identifier: (Element) -> String,
        maximumBatchSize: Int = BatchPlan.bulkLimit
    ) throws(PolicyError) -> [[Element]] {
        let all = Array(elements)
        var plan = try BatchPlan(maximumBatchSize: maximumBatchSize)
        var batches: [[Element]] = []
        for (index, element) in all.enumerated() {
            if let batch = plan.add(ordinal: index, identifier: identifier(element)) {
                batches.append(batch.map { all[$0.ordinal] })
            }
        }
        if let batch = plan.finish() { batches.append(batch.map { all[$0.ordinal] }) }
        return batches
    }

    private mutating func takeCurrent() -> [Item] {
        defer {
            current.removeAll(keepingCapacity: true)
            identifiers.removeAll(keepingCapacity: true)
        }
        return current
    }
}
