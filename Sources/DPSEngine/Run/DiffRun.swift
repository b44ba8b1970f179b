import DPSAge
import DPSClient
import DPSManifest
import DPSModel
import Foundation

/// One `diff`: each side a file, or an instance exported (groups first) into a temporary folder that is removed
/// however the run ends; then the two compared with ``ManifestDiff``.
public struct DiffRun: Sendable {
    /// One side of the comparison.
    public enum Side: Sendable {
        /// A file: an export or a manifest.
        case file(String)
        /// An instance, exported for the comparison.
        case instance(ServiceTarget)
    }

    public var source: Side
    public var target: Side
    /// Compare symmetric keys and certificates too (one extra operation per item on an instance side).
    public var includeKeys = false
    /// How fast each instance side is read.
    public var pace = Pace.auto
    /// Where to share each instance's quota with the other dpsbulk processes of the host; nil paces alone.
    public var sharedQuota: SharedQuotaDirectory?
    /// How many differences to list.
    public var limit = 50
    /// Hub renames applied to the source side before comparing (as `migrate --map-hub` made them).
    public var hubMap = HubMap()
    /// Extra CA certificates (PEM) to trust, e.g. an emulator's.
    public var caCertificatePath: String?
    /// The identities that decrypt an age-encrypted file side.
    public var identities: [AgeIdentity] = []

    public init(source: Side, target: Side) {
        self.source = source
        self.target = target
    }

    /// Exports the instance sides and compares.
    ///
    /// - Throws: ``RunInterrupted`` after a graceful shutdown; ``RunStopped`` naming the side that could not be
    ///   read; a file that cannot be read.
    public func run() async throws -> ManifestDiff {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dpsbulk-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let sourcePath = try await path(of: source, named: "source", in: work)
        let targetPath = try await path(of: target, named: "target", in: work)
        let diff = try ManifestDiff.compare(
            source: sourcePath,
            target: targetPath,
            readOptions: ManifestReadOptions(ageIdentities: identities),
            hubMap: hubMap,
            limit: limit
        )
        let metrics = RunMetrics(command: .diff)
        metrics.record(.same, count: diff.same)
        metrics.record(.changed, count: diff.changed)
        metrics.record(.missing, count: diff.missing)
        metrics.record(.extra, count: diff.extra)
        return diff
    }

    /// The file holding `side`: the file itself, or an export of the instance into `work`.
    private func path(of side: Side, named name: String, in work: URL) async throws -> String {
        switch side {
        case .file(let path):
            return path
        case .instance(let connection):
            var configuration = ExportConfiguration()
            configuration.includeGroups = true
            configuration.includeKeys = includeKeys
            configuration.pace = pace
            configuration.sharedQuota = sharedQuota
            let path = work.appendingPathComponent("\(name).jsonl").path
            var export = ExportRun(
                configuration: configuration,
                source: connection,
                path: path,
                caCertificatePath: caCertificatePath
            )
            export.metricsCommand = .diff
            do {
                _ = try await export.run().outcome.get()
            } catch let error as RunStopped {
                throw RunStopped(message: "reading the \(name): \(error.message)")
            }
            return path
        }
    }
}
