import Foundation

/// The watcher's hands in the inbox: lists it, and for each file ``InboxScan`` finds complete, claims it (moves it
/// into its job folder in the state directory, atomically on one file system) or, when a job of its name is in
/// progress, files it in rejected/ with the reason. A file that cannot be moved is reported and left for the next
/// look.
struct InboxClaims: Sendable {
    let layout: InboxLayout
    let convention: ReadyConvention
    let runner: WatchJobRunner
    let events: @Sendable (WatchEvent) -> Void

    /// The names of the claimed jobs, in name order.
    func jobNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.jobs.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Removes the job folders of claims that stopped before the manifest was moved in (no manifest, no record: the
    /// file is still in the inbox), so that the file is claimed again rather than refused as a duplicate name.
    func clearIncompleteClaims() {
        for name in jobNames() {
            let folder = WatchJobFolder(layout: layout, name: name)
            let files = FileManager.default
            if !files.fileExists(atPath: folder.manifest.path), !files.fileExists(atPath: folder.recordFile.path) {
                try? files.removeItem(at: folder.url)
            }
        }
    }

    /// Claims every complete file of the inbox, and rejects the ones named like a job in progress.
    func claimNewFiles() {
        let entries: [InboxEntry]
        do {
            let urls = try FileManager.default.contentsOfDirectory(
                at: layout.inbox,
                includingPropertiesForKeys: [.isRegularFileKey],
                options: []
            )
            entries = urls.map { url in
                InboxEntry(
                    name: url.lastPathComponent,
                    isRegularFile: (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                )
            }
        } catch {
            events(.problem("cannot list the inbox \(layout.inbox.path): \(error.localizedDescription)"))
            return
        }
        let inProgress = Set(jobNames())
        for item in InboxScan.decide(entries, convention: convention, jobsInProgress: inProgress) {
            switch item.decision {
            case .take(let marker):
                claim(item.name, marker: marker)
            case .duplicateName(let marker):
                rejectUnclaimed(
                    item.name,
                    marker: marker,
                    reason: "a duplicate: a manifest named \(item.name) is being imported already; drop this one "
                        + "again under another name, or once that one is filed"
                )
            case .waiting, .ignored:
                break
            }
        }
    }

    private func claim(_ name: String, marker: String?) {
        let folder = WatchJobFolder(layout: layout, name: name)
        let files = FileManager.default
        do {
            try files.createDirectory(at: folder.url, withIntermediateDirectories: false)
            try files.moveItem(at: layout.inbox.appendingPathComponent(name), to: folder.manifest)
        } catch {
            try? files.removeItem(at: folder.url)
            events(.problem("cannot claim \(name): \(error.localizedDescription)"))
            return
        }
        do {
            try folder.save(WatchJobRecord(name: name))
        } catch {
            // The job runs without its record written yet; the runner writes it at its first step.
            events(.problem("cannot write the record of job \(name): \(error.localizedDescription)"))
        }
        if let marker { try? files.removeItem(at: layout.inbox.appendingPathComponent(marker)) }
        runner.metrics.set(name, .queued)
        events(.moved(job: name, to: .queued))
    }

    private func rejectUnclaimed(_ name: String, marker: String?, reason: String) {
        let files = FileManager.default
        let taken = Set((try? files.contentsOfDirectory(atPath: layout.rejected.path)) ?? [])
        let filedAs = FilingName.unique(for: name, taken: taken)
        do {
            try WatchJobFolder.writePrivate(
                Data((reason + "\n").utf8),
                to: layout.rejected.appendingPathComponent(filedAs + FilingName.reasonSuffix)
            )
            try files.moveItem(
                at: layout.inbox.appendingPathComponent(name),
                to: layout.rejected.appendingPathComponent(filedAs)
            )
        } catch {
            events(.problem("cannot reject \(name): \(error.localizedDescription)"))
            return
        }
        if let marker { try? files.removeItem(at: layout.inbox.appendingPathComponent(marker)) }
        events(.filed(job: name, state: .rejected, filedAs: filedAs, reason: reason, summary: nil))
    }
}
