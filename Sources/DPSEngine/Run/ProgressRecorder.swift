import Synchronization

/// Passes progress on and keeps the latest, so that a run that does not finish can still say how far it got.
final class ProgressRecorder: RunProgressObserver {
    private let next: (any RunProgressObserver)?
    private let last = Mutex<RunProgress?>(nil)

    init(forwardingTo next: (any RunProgressObserver)?) { self.next = next }

    func update(_ progress: RunProgress) {
        last.withLock { $0 = progress }
        next?.update(progress)
    }

    /// The latest progress reported, if any.
    var latest: RunProgress? { last.withLock { $0 } }
}
