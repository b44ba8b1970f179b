/// How a factory line tells the watcher that a manifest is complete.
public enum ReadyConvention: String, Sendable, CaseIterable {
    /// The file is written elsewhere (or under a temporary name: a dotfile, `*.tmp`, `*.part`, ...) and renamed
    /// into the inbox when complete: any other regular file is ready. A `NAME.ready` marker is allowed and removed.
    case rename
    /// The file is ready only once an empty `NAME.ready` beside it exists; the marker is removed when it is taken.
    case marker
}
