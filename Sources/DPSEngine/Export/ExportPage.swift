import DPSManifest
import DPSModel
import Foundation

/// A query page on its way to the export file.
///
/// For JSON Lines the page is passed through as bytes (``PassThroughPage``): an item the export does not change is
/// written as the service sent it, compacted, and only the items whose keys are merged in (`--include-keys`:
/// symmetric-key and X.509 ones) are decoded to the model. For CSV every item is decoded (the columns come from the
/// model).
struct ExportPage: Sendable {
    /// Whether the items are enrollment groups.
    let isGroups: Bool
    private let content: Content

    private enum Content: Sendable {
        case passThrough(PassThroughPage)
        case decoded([ManifestEntry])
    }

    /// An item written through the model, and its position in the page.
    struct Decoded: Sendable {
        let position: Int
        var entry: ManifestEntry
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

    /// The items written through the model: every item of a decoded page; of a passed-through one, with
    /// `includeKeys`, those whose keys or certificates must be merged in (``SourceInstance/needsMechanism(type:)``).
    func decodedEntries(includeKeys: Bool) throws -> [Decoded] {
        switch content {
        case .decoded(let entries):
            return entries.enumerated().map { Decoded(position: $0.offset, entry: $0.element) }
        case .passThrough(let page):
            guard includeKeys else { return [] }
            return try page.items.enumerated().compactMap { position, item in
                guard SourceInstance.needsMechanism(type: AttestationType(rawValue: item.attestationType)) else {
                    return nil
                }
                let raw = SourceInstance.RawPage(
                    isGroups: isGroups,
                    json: Data(page.lines[item.range]),
                    continuation: nil
                )
                return Decoded(position: position, entry: try raw.decodedItem())
            }
        }
    }

    /// The page's lines for the file: each passed-through item as it is, each of `decoded` as `encode` writes it.
    func data(changing decoded: [Decoded], encode: (ManifestEntry) throws -> Data) throws -> Data {
        switch content {
        case .decoded:
            var data = Data()
            for item in decoded { data.append(try encode(item.entry)) }
            return data
        case .passThrough(let page):
            guard !decoded.isEmpty else { return Data(page.lines) }
            var data = Data()
            data.reserveCapacity(page.lines.count)
            var next = decoded.makeIterator()
            var change = next.next()
            for (position, item) in page.items.enumerated() {
                if let current = change, current.position == position {
                    data.append(try encode(current.entry))
                    change = next.next()
                } else {
                    data.append(contentsOf: page.lines[item.range.lowerBound...item.range.upperBound])
                }
            }
            return data
        }
    }
}
