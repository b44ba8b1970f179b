import Foundation

/// The folders of a watched inbox: where finished manifests go, and the state directory that holds the claimed jobs
/// (each with its manifest and journal), the index of imported content and the lock of the one watcher.
///
///     INBOX/                    factory lines drop manifests here
///     INBOX/done/               NAME and NAME.summary.json: every row enrolled
///     INBOX/rejected/           NAME, NAME.reason.txt, NAME.summary.json and NAME.report.csv (its failed rows)
///     STATE/jobs/NAME/          a claimed job: the manifest, job.json, the journal
///     STATE/imported.jsonl      SHA-256 and name of every manifest filed in done/ (duplicates are refused)
///     STATE/watch.lock          held by the running watcher (a second one is refused)
///
/// STATE is `INBOX/.dpsbulk-watch` unless given.
public struct InboxLayout: Sendable, Equatable {
    /// The drop folder.
    public var inbox: URL
    /// Where jobs, the index and the lock live.
    public var stateDirectory: URL

    /// The folder names inside the inbox that are the watcher's own, never manifests.
    public static let reservedNames: Set<String> = ["done", "rejected", ".dpsbulk-watch"]

    public init(inbox: URL, stateDirectory: URL? = nil) {
        self.inbox = inbox.standardizedFileURL
        self.stateDirectory = (stateDirectory ?? inbox.appendingPathComponent(".dpsbulk-watch")).standardizedFileURL
    }

    /// Manifests whose every row is enrolled.
    public var done: URL { inbox.appendingPathComponent("done") }
    /// Manifests a person must look at, each with the reason.
    public var rejected: URL { inbox.appendingPathComponent("rejected") }
    /// The claimed jobs, one folder each.
    public var jobs: URL { stateDirectory.appendingPathComponent("jobs") }
    /// The index of the content of the manifests filed in done/.
    public var importedIndex: URL { stateDirectory.appendingPathComponent("imported.jsonl") }
    /// The path whose `.lock` sidecar the running watcher holds (see `JournalLock`).
    public var lockBase: URL { stateDirectory.appendingPathComponent("watch") }

    /// The folder of the job for the manifest `name`.
    public func job(_ name: String) -> URL { jobs.appendingPathComponent(name) }

    /// Checks that the inbox is a folder.
    ///
    /// - Throws: ``WatchError/Code/inboxUnusable`` naming it when it is not.
    public func checkInbox() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw WatchError(.inboxUnusable, "the inbox \(inbox.path) is not a folder")
        }
    }

    /// Checks that the state directory (created by ``create()``) is on the inbox's file system: a claim, and a
    /// filing, is a rename, atomic only within one file system (across two, a move is a copy and a delete that a
    /// crash can leave half done, with the file in both places).
    ///
    /// - Throws: ``WatchError/Code/stateDirectoryUnusable`` naming both folders when they are on different file
    ///   systems.
    public func checkSameFileSystem() throws {
        let files = FileManager.default
        let device = { (url: URL) in (try? files.attributesOfItem(atPath: url.path))?[.systemNumber] as? NSNumber }
        guard let inboxDevice = device(inbox), let stateDevice = device(stateDirectory), inboxDevice != stateDevice
        else { return }
        throw WatchError(
            .stateDirectoryUnusable,
            "the state directory \(stateDirectory.path) is on another file system than the inbox \(inbox.path): "
                + "a claim must be a rename, which cannot cross file systems; give a --state-dir on the inbox's"
        )
    }

    /// Creates the folders that do not exist, readable by the owner only where they hold manifests' copies.
    public func create() throws {
        for folder in [done, rejected, stateDirectory, jobs] {
            try FileManager.default.createDirectory(
                at: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        }
    }
}
