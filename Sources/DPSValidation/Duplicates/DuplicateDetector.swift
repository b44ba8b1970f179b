import DPSManifest
import DPSModel

/// Finds what must be unique across the manifests of a run: registration IDs and group IDs (case-insensitive),
/// endorsement keys (a cloned TPM) and client certificates (a reused certificate) on different devices.
///
/// Records are seen in manifest order; the first occurrence is accepted and each later one is an error naming
/// where the first was. Memory: about 13 bytes a key slot (see ``FirstOccurrenceTable``).
public struct DuplicateDetector: Sendable {
    public static let duplicateRegistrationId: FindingCode = "duplicate.registration-id"
    public static let duplicateGroupId: FindingCode = "duplicate.group-id"
    public static let duplicateEndorsementKey: FindingCode = "duplicate.endorsement-key"
    public static let duplicateCertificate: FindingCode = "duplicate.certificate"

    private var identifiers = FirstOccurrenceTable()
    private var endorsementKeys = FirstOccurrenceTable()
    private var certificates = FirstOccurrenceTable()
    private var files: [String] = []

    public init() {}

    /// Checks a record's keys against everything seen before and remembers them.
    public mutating func check(
        _ keys: DuplicateKeys, of entry: ManifestEntry, at source: SourcePosition, findings: inout FindingSink
    ) {
        let here = FirstOccurrenceTable.Occurrence(fileIndex: fileIndex(source.file), line: source.line)
        if let hash = keys.identifier, let first = identifiers.insert(hash, at: here) {
            if entry.isGroup {
                findings.error(
                    "enrollmentGroupId", Self.duplicateGroupId,
                    "enrollment group ID '\(entry.identifier)' already appears \(describe(first, from: source)) "
                        + "(IDs are case-insensitive)")
            } else {
                findings.error(
                    "registrationId", Self.duplicateRegistrationId,
                    "registration ID '\(entry.identifier)' already appears \(describe(first, from: source)) "
                        + "(IDs are case-insensitive)")
            }
            return
        }
        if let hash = keys.endorsementKey, let first = endorsementKeys.insert(hash, at: here) {
            findings.error(
                "endorsementKey", Self.duplicateEndorsementKey,
                "this endorsement key is also the key of the device \(describe(first, from: source)); two devices "
                    + "cannot share a TPM (a cloned TPM or a copy-paste error)")
        }
        for hash in Set(keys.certificates) {
            if let first = certificates.insert(hash, at: here) {
                findings.error(
                    "certificate", Self.duplicateCertificate,
                    "this certificate is also used by the device \(describe(first, from: source)); each device "
                        + "needs its own certificate")
            }
        }
    }

    private mutating func fileIndex(_ file: String) -> Int {
        if let last = files.last, last == file { return files.count - 1 }
        if let index = files.firstIndex(of: file) { return index }
        files.append(file)
        return files.count - 1
    }

    private func describe(_ occurrence: FirstOccurrenceTable.Occurrence, from source: SourcePosition) -> String {
        let file = occurrence.fileIndex < files.count ? files[occurrence.fileIndex] : source.file
        return file == source.file ? "on line \(occurrence.line)" : "in \(file) on line \(occurrence.line)"
    }
}
