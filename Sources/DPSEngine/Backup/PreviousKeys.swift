import DPSAge
import DPSManifest
import DPSModel
import Foundation

/// The keys and certificates of a previous backup, by item and etag: an item whose etag has not changed since
/// takes its attestation from here instead of an attestation-mechanism call.
///
/// Holds one entry per keyed item of the previous backup (its etag and its attestation as compact JSON, decoded
/// only when reused), not the whole backup.
struct PreviousKeys: Sendable {
    private struct Key: Hashable {
        var isGroup: Bool
        var identifier: String
    }

    private var items: [Key: (etag: String, attestation: Data)] = [:]

    /// How many items with complete keys the previous backup holds.
    var count: Int { items.count }

    /// Reads the backup at `path` after checking its SHA-256 sidecar; age files are decrypted with `identities`.
    ///
    /// - Throws: ``BackupSidecar/Mismatch``, or a `ManifestError` when the backup cannot be read or decrypted, or
    ///   has a line that is not an enrollment or group.
    init(path: String, identities: [AgeIdentity]) throws {
        try BackupSidecar.check(path)
        let reader = try ManifestReader(path: path, options: ManifestReadOptions(ageIdentities: identities))
        let encoder = JSONEncoder()
        while let record = try reader.next() {
            guard let entry = record.entry else {
                throw ManifestError(
                    code: "bad-previous-backup",
                    file: path,
                    line: record.source.line,
                    message: "the previous backup has a line that is not an enrollment or a group"
                )
            }
            guard SourceInstance.needsMechanism(entry.attestation), KeyCompleteness.isComplete(entry.attestation),
                let etag = entry.etag
            else { continue }
            let attestation = try encoder.encode(entry.attestation)
            items[Key(isGroup: entry.isGroup, identifier: entry.identifier)] = (etag, attestation)
        }
    }

    init() {}

    /// The previous backup's attestation of the item `identifier` when its etag is still `etag`; nil when it must
    /// be fetched.
    func attestation(isGroup: Bool, identifier: String, etag: String?) -> AttestationMechanism? {
        guard let etag, let stored = items[Key(isGroup: isGroup, identifier: identifier)], stored.etag == etag else {
            return nil
        }
        return try? JSONDecoder().decode(AttestationMechanism.self, from: stored.attestation)
    }
}
