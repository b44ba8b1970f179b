import DPSManifest
import DPSModel

/// Finds what must be unique across the manifests of a run: registration IDs and group IDs (case-insensitive),
/// endorsement keys (a cloned TPM) and client certificates (a reused certificate) on different devices.
///
/// Records are seen in manifest order; the first occurrence is accepted and each later one is an error naming
/// where the first was. Memory: 12 bytes a key slot (see ``FirstOccurrenceTable``). Lines are stored as one
/// number across all the run's files (each file's lines follow the previous file's), so a slot needs no file.
public struct DuplicateDetector: Sendable {
    public static let duplicateRegistrationId: FindingCode = "duplicate.registration-id"
    public static let duplicateGroupId: FindingCode = "duplicate.group-id"
    public static let duplicateEndorsementKey: FindingCode = "duplicate.endorsement-key"
    public static let duplicateCertificate: FindingCode = "duplicate.certificate"

    private var identifiers = FirstOccurrenceTable()
    private var endorsementKeys = FirstOccurrenceTable()
    private var certificates = FirstOccurrenceTable()
    /// Each file of the run with the run-wide number of the line before its first line.
    private var files: [(name: String, base: Int)] = []
    private var highestLine = 0
    /// The words ``prefetch(_:)`` read (meaningless; see there).
    private var touched: UInt32 = 0

    public init() {}

    /// The most records one reservation makes room for: 2,000,000 (twice the service's 1,000,000 enrollments per
    /// instance), at most 30 MB a table. `records` is an estimate from the file size, which a gzip bomb or a sparse
    /// file inflates without limit; past this the tables grow as keys actually arrive.
    public static let maximumReservation = 2_000_000

    /// Makes room for `records` more records of the kinds seen so far (at most ``maximumReservation`` in all), so
    /// the tables of an ordinary manifest are sized once.
    public mutating func reserveCapacity(forAdditionalRecords records: Int) {
        func reserve(_ table: inout FirstOccurrenceTable) {
            guard table.count > 0 else { return }
            let wanted = table.count.addingReportingOverflow(max(0, records))
            let capped = wanted.overflow ? Self.maximumReservation : min(wanted.partialValue, Self.maximumReservation)
            table.reserveCapacity(capped)
        }
        reserve(&identifiers)
        reserve(&endorsementKeys)
        reserve(&certificates)
    }

    /// Loads the table slots that checking `keys` will probe, ahead of ``check(_:of:at:findings:)``.
    ///
    /// The tables outgrow the processor caches, so nearly every check waits for memory. Touching the slots of
    /// several records in a row lets those waits overlap instead of coming one after another.
    mutating func prefetch(_ keys: DuplicateKeys) {
        // The loaded words are kept (xor-ed into a field) so that the compiler cannot drop the loads.
        if let hash = keys.identifier { touched ^= identifiers.touch(hash) }
        if let hash = keys.endorsementKey { touched ^= endorsementKeys.touch(hash) }
        for hash in keys.certificates { touched ^= certificates.touch(hash) }
    }

    /// Checks a record's keys against everything seen before and remembers them.
    public mutating func check(
        _ keys: DuplicateKeys,
        of entry: ManifestEntry,
        at source: SourcePosition,
        findings: inout FindingSink
    ) {
        check(keys, isGroup: entry.isGroup, identifier: entry.identifier, at: source, findings: &findings)
    }

    /// Checks a record's keys, given whether it is a group and its ID (made only for the message of a duplicate).
    mutating func check(
        _ keys: DuplicateKeys,
        isGroup: Bool,
        identifier: @autoclosure () -> String,
        at source: SourcePosition,
        findings: inout FindingSink
    ) {
        let here = runLine(source)
        if let hash = keys.identifier, let first = identifiers.insert(hash, line: here) {
            if isGroup {
                findings.error(
                    "enrollmentGroupId",
                    Self.duplicateGroupId,
                    "enrollment group ID '\(identifier())' already appears \(describe(first, from: source)) "
                        + "(IDs are case-insensitive)"
                )
            } else {
                findings.error(
                    "registrationId",
                    Self.duplicateRegistrationId,
                    "registration ID '\(identifier())' already appears \(describe(first, from: source)) "
                        + "(IDs are case-insensitive)"
                )
            }
            return
        }
        if let hash = keys.endorsementKey, let first = endorsementKeys.insert(hash, line: here) {
            findings.error(
                "endorsementKey",
                Self.duplicateEndorsementKey,
                "this endorsement key is also the key of the device \(describe(first, from: source)); two devices "
                    + "cannot share a TPM (a cloned TPM or a copy-paste error)"
            )
        }
        for hash in Set(keys.certificates) {
            if let first = certificates.insert(hash, line: here) {
                findings.error(
                    "certificate",
                    Self.duplicateCertificate,
                    "this certificate is also used by the device \(describe(first, from: source)); each device "
                        + "needs its own certificate"
                )
            }
        }
    }

    /// The run-wide line number of a position.
    private mutating func runLine(_ source: SourcePosition) -> UInt32 {
        if files.last?.name != source.file {
            files.append((source.file, highestLine))
        }
        let line = files[files.count - 1].base + source.line
        highestLine = max(highestLine, line)
        return UInt32(clamping: line)
    }

    private func describe(_ runLine: UInt32, from source: SourcePosition) -> String {
        let line = Int(runLine)
        let file = files.last { $0.base < line } ?? files[0]
        let local = line - file.base
        return file.name == source.file ? "on line \(local)" : "in \(file.name) on line \(local)"
    }
}
