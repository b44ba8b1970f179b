/// A record of a batch after the rules, before the duplicate check (which runs in manifest order).
enum CheckedRecord: Sendable {
    /// A CSV row the fast path proved clean: only its line and duplicate keys are kept.
    case clean(line: Int, DuplicateKeys)
    /// A record checked in full, with its duplicate keys (nil when it has no entry, or was already checked).
    case full(ValidatedRecord, DuplicateKeys?)

    /// A record checked in full.
    static func checked(_ result: (ValidatedRecord, DuplicateKeys?)) -> CheckedRecord {
        .full(result.0, result.1)
    }

    /// The keys the duplicate check will look up.
    var keys: DuplicateKeys? {
        switch self {
        case .clean(_, let keys): keys
        case .full(_, let keys): keys
        }
    }

    /// Runs the duplicate check of a record checked in full and adds its findings.
    mutating func checkDuplicates(_ duplicates: inout DuplicateDetector) {
        guard case .full(var validated, let keys?) = self, let entry = validated.record.entry else { return }
        var sink = FindingSink(source: validated.record.source, identifier: validated.record.identifier)
        duplicates.check(keys, of: entry, at: validated.record.source, findings: &sink)
        guard !sink.findings.isEmpty else { return }
        validated.findings += sink.findings
        self = .full(validated, nil)
    }
}
