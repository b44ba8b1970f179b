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
                let etag = Self.etag(of: entry)
            else { continue }
            let attestation = try encoder.encode(entry.attestation)
            items[Key(isGroup: entry.isGroup, identifier: entry.identifier)] = (etag, attestation)
        }
    }

    init() {}

    /// `entry` with the previous backup's attestation when its etag is unchanged; nil when it must be fetched.
    func reused(for entry: ManifestEntry) -> ManifestEntry? {
        guard let etag = Self.etag(of: entry),
            let stored = items[Key(isGroup: entry.isGroup, identifier: entry.identifier)], stored.etag == etag,
            let attestation = try? JSONDecoder().decode(AttestationMechanism.self, from: stored.attestation)
        else { return nil }
        let previous = (etag: stored.etag, attestation: attestation)
        switch entry {
        case .enrollment(var enrollment):
            enrollment.attestation = previous.attestation
            return .enrollment(enrollment)
        case .group(var group):
            group.attestation = previous.attestation
            return .group(group)
        }
    }

    private static func etag(of entry: ManifestEntry) -> String? {
        switch entry {
        case .enrollment(let enrollment): enrollment.etag
        case .group(let group): group.etag
        }
    }
}
