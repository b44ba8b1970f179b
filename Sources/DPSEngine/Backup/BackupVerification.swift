import DPSAge
import DPSManifest
import DPSModel
import Foundation

/// What `dpsbulk verify` found in a backup: whether it matches its sidecar, what it holds, and which items it could
/// not restore (their keys or certificates are missing).
public struct BackupVerification: Sendable, Codable, Equatable {
    /// The backup's path.
    public var file = ""
    /// Whether the file was age-encrypted (and decrypted for the check).
    public var encrypted = false
    /// The SHA-256 of the file, as its sidecar states it.
    public var sha256 = ""
    /// Enrollments read.
    public var enrollments = 0
    /// Enrollment groups read.
    public var groups = 0
    /// Items by kind and attestation, `enrollment/symmetricKey`, `group/x509`, ...
    public var byKindAndAttestation: [String: Int] = [:]
    /// How many items lack the keys or certificates a restore needs.
    public var missingKeys = 0
    /// The first of them (`enrollment id`, `group id`), at most ``listLimit``.
    public var missingKeysListed: [String] = []
    /// How many items are listed at most.
    public static let listLimit = 20

    /// True when every item the backup lists can be restored from it.
    public var canRestoreEverything: Bool { missingKeys == 0 }

    public init() {}

    /// Checks the sidecar of the backup at `path`, then reads (decrypting with `identities` when it is age) and
    /// parses every line.
    ///
    /// - Throws: ``BackupSidecar/Mismatch`` when the sidecar is missing or does not match; `ManifestError` when the
    ///   file cannot be read, decrypted (wrong identity, tampered) or a line is not an enrollment or group.
    public static func verify(_ path: String, identities: [AgeIdentity]) throws -> BackupVerification {
        var result = BackupVerification()
        result.file = path
        result.sha256 = try BackupSidecar.check(path)
        result.encrypted = try BackupFile.isAge(path)
        let reader = try ManifestReader(path: path, options: ManifestReadOptions(ageIdentities: identities))
        while let record = try reader.next() {
            guard let entry = record.entry else {
                throw ManifestError(
                    code: "bad-backup-line",
                    file: path,
                    line: record.source.line,
                    message: "the line is not an enrollment or a group: "
                        + (record.readFindings.first.map { "\($0.message)" } ?? "unreadable")
                )
            }
            let kind = entry.isGroup ? "group" : "enrollment"
            if entry.isGroup { result.groups += 1 } else { result.enrollments += 1 }
            result.byKindAndAttestation["\(kind)/\(entry.attestation.type.rawValue)", default: 0] += 1
            if !KeyCompleteness.isComplete(entry.attestation) {
                result.missingKeys += 1
                if result.missingKeysListed.count < listLimit {
                    result.missingKeysListed.append("\(kind) \(entry.identifier)")
                }
            }
        }
        return result
    }
}

/// Facts about a backup file read from its first bytes.
public enum BackupFile {
    /// Whether the file at `path` starts with the age v1 header line.
    public static func isAge(_ path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try handle.read(upToCount: 22)) ?? Data()
        return head.starts(with: Array("age-encryption.org/v1\n".utf8))
    }
}
