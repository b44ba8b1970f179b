/// When an export makes the pages it has written durable and saves its checkpoint.
///
/// A checkpoint costs an fsync of the export file and a write, fsync and rename of the checkpoint file. Taking
/// one after every page cost about 13% of an export's CPU when pages arrive every 15 ms, and bought little: a
/// killed export fetches again only the pages after its last checkpoint (the file is cut back to it, so nothing is
/// written twice). So a checkpoint is due after a page when
///
///     unsynced > 0 && (sinceLast >= interval || unsynced >= maximumUnsynced)
///
/// where `sinceLast` is the time since the last checkpoint (or the start) and `unsynced` the bytes written since.
/// With the defaults (0.25 s, 64 MiB) a fast export checkpoints about four times a second, and a crash costs at
/// most the pages of the last 0.25 s (or 64 MiB) plus one; a paced export that gets a page less often than every
/// 0.25 s still checkpoints after each. The guarantee does not change: a checkpoint never counts a byte that is
/// not on disk. The last page, and a run that stops, are checkpointed by the engine regardless.
public struct CheckpointSchedule: Sendable, Hashable {
    /// A checkpoint is due once this much time has passed since the last one.
    public var interval: Duration
    /// A checkpoint is due once this many bytes have been written since the last one, however soon.
    public var maximumUnsynced: Int

    /// A schedule; the defaults are 0.25 s and 64 MiB.
    public init(interval: Duration = .milliseconds(250), maximumUnsynced: Int = 64 << 20) {
        self.interval = interval
        self.maximumUnsynced = maximumUnsynced
    }

    /// Whether to make the file durable and checkpoint now, `sinceLast` after the last checkpoint with `unsynced`
    /// bytes written since.
    public func isDue(sinceLast: Duration, unsynced: Int) -> Bool {
        unsynced > 0 && (sinceLast >= interval || unsynced >= maximumUnsynced)
    }
}
