/// Pairs the items of a bulk call with the per-item entries of its answer.
///
/// Identifiers compare case-insensitively (registration and group IDs are case-insensitive, and the service may
/// answer in its own spelling). An entry for an identifier that was not sent belongs to no item and is dropped.
/// When two entries name one item, a refusal outweighs a success and the first refusal is kept: reporting an item
/// applied when the service also said it was not would hide a failure.
public enum BulkAnswerMatching {
    /// For each identifier of `sent`, in its order, the entry the answer holds for it, or `nil` when none.
    public static func entries(for sent: [String], in answer: [BulkItemEntry]) -> [BulkItemEntry?] {
        var byIdentifier: [String: BulkItemEntry] = [:]
        for entry in answer {
            let key = entry.identifier.lowercased()
            if let kept = byIdentifier[key], !kept.reportsSuccess || entry.reportsSuccess { continue }
            byIdentifier[key] = entry
        }
        return sent.map { byIdentifier[$0.lowercased()] }
    }
}
