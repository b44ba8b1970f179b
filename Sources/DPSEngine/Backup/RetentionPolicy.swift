import Foundation

/// Which backups of a series to remove once a new one is complete and verified: keep the newest `keep` (the new
/// one included), and/or those whose name's date is within the last `keepDays` days. A pure decision over the list
/// of matching files: it never names the new backup, nor a file the series pattern does not match.
public struct RetentionPolicy: Sendable, Equatable {
    /// How many backups to keep, the new one included; nil for no count limit.
    public var keep: Int?
    /// How many days of backups to keep (by the date in their names); nil for no age limit.
    public var keepDays: Int?

    /// A policy; at least one limit, each at least 1.
    ///
    /// - Throws: ``BackupPatternError`` for a limit under 1.
    public init(keep: Int?, keepDays: Int?) throws {
        if let keep, keep < 1 { throw BackupPatternError(message: "--keep must be at least 1 (the new backup)") }
        if let keepDays, keepDays < 1 { throw BackupPatternError(message: "--keep-days must be at least 1") }
        self.keep = keep
        self.keepDays = keepDays
    }

    /// The backups of `existing` (oldest first, as ``BackupPattern/existing()`` lists them) to remove, given the
    /// new backup's path and the time now.
    public func toRemove(_ existing: [BackupPattern.Match], newest: String, now: Date) -> [BackupPattern.Match] {
        let others = existing.filter { $0.path != newest }
        var remove: [BackupPattern.Match] = []
        if let keep {
            let surplus = others.count - (keep - 1)
            if surplus > 0 { remove += others.prefix(surplus) }
        }
        if let keepDays {
            let cutoff = now.addingTimeInterval(-Double(keepDays) * 86_400)
            remove += others.filter { match in
                guard let date = match.date else { return false }
                return date.addingTimeInterval(86_400) <= cutoff && !remove.contains(match)
            }
        }
        return remove
    }
}
