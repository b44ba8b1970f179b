/// One name in the inbox listing, as ``InboxScan`` sees it.
public struct InboxEntry: Sendable, Equatable {
    /// The file name (no folder).
    public var name: String
    /// Whether it is a regular file (not a folder, link target aside, device or socket).
    public var isRegularFile: Bool

    public init(name: String, isRegularFile: Bool = true) {
        self.name = name
        self.isRegularFile = isRegularFile
    }
}
