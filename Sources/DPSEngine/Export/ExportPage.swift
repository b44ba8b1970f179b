import DPSManifest
import DPSModel
import Foundation

/// A query page on its way to the export file.
///
/// For JSON Lines the page is passed through as bytes (``PassThroughPage``): every item is written as the service
/// sent it, compacted, never decoded to the model; with `--include-keys` the keys and certificates of symmetric-key
/// and X.509 items are spliced in, their completed `attestation` written in place of the query's. For CSV every
/// item is decoded (the columns come from the model).
struct ExportPage: Sendable {
    /// Whether the items are enrollment groups.
    let isGroups: Bool
    private let content: Content

    private enum Content: Sendable {
        case passThrough(PassThroughPage)
        case decoded([ManifestEntry])
    }

    /// An item whose attestation is completed from its attestation mechanism (`--include-keys`).
    struct Keyed: Sendable, Equatable {
        /// Its position in the page.
        let position: Int
        let isGroup: Bool
        /// Its registration ID or enrollment group ID.
        let identifier: String
        /// Its etag, when it has one.
        let etag: String?
    }

    /// Prepares `raw` for writing as `format`. Throws ``RunStopped`` when the page is not valid.
    init(_ raw: SourceInstance.RawPage, format: ExportConfiguration.Format) throws {
        isGroups = raw.isGroups
        switch format {
        case .csv:
            content = .decoded(try raw.decoded())
        case .jsonLines:
            do {
                content = .passThrough(try PassThroughPage(json: raw.json, isGroups: raw.isGroups))
            } catch {
                throw RunStopped(message: "reading the source failed: a query page is not valid: \(error)")
            }
        }
    }

    /// How many items the page holds.
    var count: Int {
        switch content {
        case .passThrough(let page): page.items.count
        case .decoded(let entries): entries.count
        }
    }

    /// Each item's attestation type, in page order.
    var attestationTypes: [String] {
        switch content {
        case .passThrough(let page): page.items.map(\.attestationType)
        case .decoded(let entries): entries.map(\.attestation.type.rawValue)
        }
    }

    /// The items whose keys or certificates the query leaves out (``SourceInstance/needsMechanism(type:)``).
    func keyedItems() -> [Keyed] {
        switch content {
        case .decoded(let entries):
            return entries.enumerated().compactMap { position, entry -> Keyed? in
                guard SourceInstance.needsMechanism(entry.attestation) else { return nil }
                return Keyed(position: position, isGroup: isGroups, identifier: entry.identifier, etag: entry.etag)
            }
        case .passThrough(let page):
            return page.items.enumerated().compactMap { position, item -> Keyed? in
                guard SourceInstance.needsMechanism(type: AttestationType(rawValue: item.attestationType)) else {
                    return nil
                }
                return Keyed(
                    position: position,
                    isGroup: isGroups,
                    identifier: page.string(at: item.identifier) ?? "",
                    etag: page.member("etag", of: item).flatMap(page.string(at:))
                )
            }
        }
    }

    /// The page's lines for the file, with `completed` (attestations by item position, in position order) in
    /// place of the query's attestations: a decoded item is written by `encode`, a passed-through one keeps its
    /// bytes but for its `attestation` member's value, which `encodeAttestation` writes.
    func data(
        completing completed: [(position: Int, attestation: AttestationMechanism)],
        encode: (ManifestEntry) throws -> Data,
        encodeAttestation: (AttestationMechanism) throws -> Data
    ) throws -> [UInt8] {
        switch content {
        case .decoded(var entries):
            for (position, attestation) in completed {
                entries[position] = entries[position].with(attestation: attestation)
            }
            var data: [UInt8] = []
            for entry in entries { data.append(contentsOf: try encode(entry)) }
            return data
        case .passThrough(let page):
            guard !completed.isEmpty else { return page.lines }
            var data: [UInt8] = []
            data.reserveCapacity(page.lines.count + completed.count * 256)
            var written = 0  // the bytes of `page.lines` copied so far
            for (position, attestation) in completed {
                let item = page.items[position]
                guard let value = page.member("attestation", of: item) else { continue }
                data.append(contentsOf: page.lines[written..<value.lowerBound])
                data.append(contentsOf: try encodeAttestation(attestation))
                written = value.upperBound
            }
            data.append(contentsOf: page.lines[written...])
            return data
        }
    }
}
