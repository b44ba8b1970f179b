import DPSManifest

/// Renames IoT hubs while items move between instances: a target instance links its own hubs, so the host names
/// an item names (`iotHubHostName`, `iotHubs`) often have to change with it (a region move, say).
public struct HubMap: Sendable, Equatable {
    /// New host names by old host name, lowercased (host names are case-insensitive).
    public private(set) var replacements: [String: String] = [:]

    public init() {}

    /// A map from `OLD=NEW` pairs.
    public init(pairs: [String]) throws(HubMapError) {
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !parts[1].contains("=") else {
                throw HubMapError(message: "'\(pair)' is not OLD=NEW (two IoT hub host names)")
            }
            let old = parts[0].lowercased()
            if let earlier = replacements[old], earlier != String(parts[1]) {
                throw HubMapError(message: "hub \(parts[0]) is mapped twice, to \(earlier) and \(parts[1])")
            }
            replacements[old] = String(parts[1])
        }
    }

    /// The item with its hub host names replaced.
    public func apply(to entry: ManifestEntry) -> ManifestEntry {
        guard !replacements.isEmpty else { return entry }
        switch entry {
        case .enrollment(var enrollment):
            enrollment.iotHubHostName = enrollment.iotHubHostName.map(replaced)
            enrollment.iotHubs = enrollment.iotHubs?.map(replaced)
            return .enrollment(enrollment)
        case .group(var group):
            group.iotHubHostName = group.iotHubHostName.map(replaced)
            group.iotHubs = group.iotHubs?.map(replaced)
            return .group(group)
        }
    }

    private func replaced(_ host: String) -> String { replacements[host.lowercased()] ?? host }
}

/// A hub mapping that cannot be used.
public struct HubMapError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
