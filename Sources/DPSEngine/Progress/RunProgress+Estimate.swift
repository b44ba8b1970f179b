extension RunProgress {
    /// Seconds until every record is done at the current pace, or nil when that cannot be known yet: the total is
    /// not final, the pace is not known, or nothing is left.
    ///
    /// Records go in bulk operations of ``BatchPlan/bulkLimit``, so `(total - done) / 10` operations remain, sent at
    /// `operationsPerMinute`.
    public var estimatedSecondsLeft: Double? {
        guard totalIsFinal, phase != .validating, phase != .finished, operationsPerMinute > 0, total > done else {
            return nil
        }
        let operations = (Double(total - done) / Double(BatchPlan.bulkLimit)).rounded(.up)
        return operations / operationsPerMinute * 60
    }
}
