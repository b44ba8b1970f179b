/// Decides, from a listing of the inbox, which files are complete manifests to take, which are still being written,
/// and which are duplicates of a job in progress. Pure: the listing comes from the caller.
///
/// A name is still being written when it is a dotfile, starts with `~`, or ends in `.tmp`, `.temp`, `.part`,
/// `.partial`, `.filepart` (WinSCP), `.crdownload`, `.swp` or `~`: the temporary names of SFTP clients, rsync and
/// editors. With the ``ReadyConvention/marker`` convention any other file also waits for its `NAME.ready`.
public enum InboxScan {
    /// What to do with one name of the listing.
    public enum Decision: Sendable, Equatable {
        /// Complete: claim it, then remove `marker` if there is one.
        case take(marker: String?)
        /// A job of the same name is in progress: reject it, then remove `marker` if there is one.
        case duplicateName(marker: String?)
        /// Not complete yet; look again at the next scan.
        case waiting(reason: String)
        /// Not a manifest: the watcher's folders, a marker, a folder or special file.
        case ignored(reason: String)
    }

    /// One name and its decision.
    public struct Item: Sendable, Equatable {
        public var name: String
        public var decision: Decision

        public init(name: String, decision: Decision) {
            self.name = name
            self.decision = decision
        }
    }

    /// The suffix of a ready marker.
    public static let markerSuffix = ".ready"

    /// Suffixes of files that are still being written.
    public static let temporarySuffixes = [
        ".tmp", ".temp", ".part", ".partial", ".filepart", ".crdownload", ".swp", "~",
    ]

    /// The decision for every entry, in name order.
    ///
    /// - Parameters:
    ///   - entries: The inbox listing.
    ///   - convention: How complete files are told apart.
    ///   - jobsInProgress: The names of the claimed jobs not yet filed.
    public static func decide(
        _ entries: [InboxEntry],
        convention: ReadyConvention,
        jobsInProgress: Set<String>
    ) -> [Item] {
        let files = Set(entries.filter(\.isRegularFile).map(\.name))
        return entries.sorted { $0.name < $1.name }.map { entry in
            Item(name: entry.name, decision: decision(for: entry, files: files, convention, jobsInProgress))
        }
    }

    /// Whether `name` is a temporary name (see the type's summary).
    public static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~") || temporarySuffixes.contains { name.lowercased().hasSuffix($0) }
    }

    private static func decision(
        for entry: InboxEntry,
        files: Set<String>,
        _ convention: ReadyConvention,
        _ jobsInProgress: Set<String>
    ) -> Decision {
        let name = entry.name
        if InboxLayout.reservedNames.contains(name) { return .ignored(reason: "the watcher's own folder") }
        guard entry.isRegularFile else { return .ignored(reason: "not a regular file") }
        if isTemporary(name) { return .waiting(reason: "a temporary name: still being written") }
        if name.hasSuffix(markerSuffix) {
            let manifest = String(name.dropLast(markerSuffix.count))
            return files.contains(manifest)
                ? .ignored(reason: "the ready marker of \(manifest)")
                : .waiting(reason: "a ready marker whose manifest is not there yet")
        }
        let marker = files.contains(name + markerSuffix) ? name + markerSuffix : nil
        if convention == .marker && marker == nil {
            return .waiting(reason: "no \(name)\(markerSuffix) marker yet")
        }
        if jobsInProgress.contains(name) { return .duplicateName(marker: marker) }
        return .take(marker: marker)
    }
}
