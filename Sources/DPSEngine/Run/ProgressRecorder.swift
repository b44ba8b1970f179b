import Synchronization

/// Passes progress on and keeps the latest, so that a run that does not finish can still say how far it got.
final class ProgressRecorder: ImportProgressObserver {
    private let next: (any ImportProgressObserver)?
    private let last = Mutex<ImportProgress?>(nil)

    init(forwardingTo next: (any ImportProgressObserver)?) { self.next = next }

    func update(_ progress: ImportProgress) {
        last.withLock { $0 = progress }
        next?.update(progress)
    }

    /// The latest progress reported, if any.
    var latest: ImportProgress? { last.withLock { $0 } }
}
