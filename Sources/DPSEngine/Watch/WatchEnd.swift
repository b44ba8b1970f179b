/// How a watch ended: the jobs filed in this process and the ones left claimed for a later start.
public struct WatchEnd: Sendable, Equatable {
    /// Jobs filed in done/.
    public var done = 0
    /// Jobs filed in rejected/.
    public var rejected = 0
    /// Jobs that met a failure of the service and wait (with `--once`, for the next start).
    public var waiting = 0
    /// Jobs stopped by the shutdown, to resume at the next start.
    public var interrupted = 0

    public init() {}
}
