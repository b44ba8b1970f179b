import Synchronization

/// Watches an import's progress for the moment validation ends and sending begins, and calls `onImporting` then,
/// once.
final class ImportPhaseObserver: RunProgressObserver {
    private let onImporting: @Sendable () -> Void
    private let seen = Mutex(false)

    init(onImporting: @escaping @Sendable () -> Void) {
        self.onImporting = onImporting
    }

    /// Whether `onImporting` was called.
    var fired: Bool { seen.withLock { $0 } }

    func update(_ progress: RunProgress) {
        guard progress.phase != .validating else { return }
        let first = seen.withLock { seen in
            defer { seen = true }
            return !seen
        }
        if first { onImporting() }
    }
}
