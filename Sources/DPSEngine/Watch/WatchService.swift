import DPSJournal
import Foundation
import ServiceLifecycle

/// `dpsbulk watch`: takes complete manifests from a drop folder, imports up to ``WatchConfiguration/maximumJobs``
/// at once, each with its own journal, and files each in done/ or rejected/.
///
/// Every look at the inbox (each ``WatchConfiguration/pollInterval``, and whenever a job ends) claims the complete
/// files (``InboxScan``) by moving them into the state directory's `jobs/` folder, rejects the ones named like a
/// job in progress, and starts the claimed jobs that may run. Jobs found claimed at start resume from their
/// journals. A graceful shutdown (SIGTERM) stops the claiming; the running jobs finish their requests in flight,
/// journal them and stay claimed for the next start. One watcher holds the state directory at a time.
public struct WatchService: Sendable {
    public var configuration: WatchConfiguration
    public var target: WatchTarget

    public init(configuration: WatchConfiguration, target: WatchTarget) {
        self.configuration = configuration
        self.target = target
    }

    private enum Wake: Sendable {
        case tick
        case job(String, WatchJobRunner.Result)
    }

    /// Watches until a graceful shutdown (or, with ``WatchConfiguration/exitWhenIdle``, until nothing is left to
    /// do), reporting each transition to `events`.
    ///
    /// - Throws: ``WatchError`` when the inbox is not a folder, an option is out of range, the state directory is on
    ///   another file system or another watcher holds it; a file error when the folders cannot be made. Nothing a manifest holds throws.
    public func run(events: @escaping @Sendable (WatchEvent) -> Void) async throws -> WatchEnd {
        try configuration.validate()
        let layout = configuration.layout
        try layout.checkInbox()
        try layout.create()
        try layout.checkSameFileSystem()
        let lock: JournalLock
        do {
            lock = try JournalLock.acquire(forJournalAt: layout.lockBase.path, program: "dpsbulk watch")
        } catch let error as JournalError where error.code == .journalInUse {
            throw WatchError(
                .stateInUse,
                "another watcher is using \(layout.stateDirectory.path): \(error.message)"
            )
        }
        defer { lock.release() }
        let runner = WatchJobRunner(
            configuration: configuration,
            target: target,
            index: try ImportedIndex(path: layout.importedIndex),
            metrics: WatchJobMetrics(),
            events: events
        )
        let inbox = InboxClaims(layout: layout, convention: configuration.convention, runner: runner, events: events)
        inbox.clearIncompleteClaims()
        events(
            .started(
                inbox: layout.inbox.path,
                stateDirectory: layout.stateDirectory.path,
                unfinished: inbox.jobNames().count
            )
        )
        return await loop(runner: runner, inbox: inbox, events: events)
    }

    private func loop(
        runner: WatchJobRunner,
        inbox: InboxClaims,
        events: @escaping @Sendable (WatchEvent) -> Void
    )
        async -> WatchEnd
    {
        let clock = ContinuousClock()
        let pollInterval = configuration.pollInterval
        var end = WatchEnd()
        var notBefore: [String: ContinuousClock.Instant] = [:]
        var leftForNextStart: Set<String> = []
        return await withTaskGroup(of: Wake.self) { group in
            var running: Set<String> = []
            var tickPending = false
            while !Task.isShuttingDownGracefully {
                inbox.claimNewFiles()
                let now = clock.now
                let startable = inbox.jobNames().filter { name in
                    !running.contains(name) && !leftForNextStart.contains(name)
                        && notBefore[name].map { $0 <= now } != false
                }
                for name in startable.prefix(max(0, configuration.maximumJobs - running.count)) {
                    running.insert(name)
                    group.addTask { .job(name, await runner.run(name)) }
                }
                if configuration.exitWhenIdle && running.isEmpty { break }
                if !tickPending {
                    tickPending = true
                    group.addTask {
                        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
                        return .tick
                    }
                }
                guard let wake = await group.next() else { break }
                if case .tick = wake { tickPending = false }
                guard case .job(let name, _) = wake else { continue }
                notBefore[name] = nil
                if let delay = record(wake, running: &running, end: &end) {
                    notBefore[name] = clock.now.advanced(by: .milliseconds(Int64(min(delay, 86_400) * 1000)))
                    if configuration.exitWhenIdle { leftForNextStart.insert(name) }
                }
            }
            if Task.isShuttingDownGracefully {
                events(.draining(running: running.count))
            } else {
                group.cancelAll()  // only the sleeping tick: no job is running
            }
            while let wake = await group.next() {
                if case .job(let name, _) = wake, record(wake, running: &running, end: &end) != nil {
                    notBefore[name] = clock.now
                }
            }
            end.waiting = configuration.exitWhenIdle ? leftForNextStart.count : notBefore.count
            return end
        }
    }

    /// Counts a job's end in `end`; returns the delay before a retry when it is to be tried again.
    private func record(_ wake: Wake, running: inout Set<String>, end: inout WatchEnd) -> Double? {
        guard case .job(let name, let result) = wake else { return nil }
        running.remove(name)
        switch result {
        case .filed(.done): end.done += 1
        case .filed: end.rejected += 1
        case .retry(let delay): return delay
        case .interrupted: end.interrupted += 1
        case .vanished: break
        }
        return nil
    }
}
