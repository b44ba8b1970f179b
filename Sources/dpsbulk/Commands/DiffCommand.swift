import ArgumentParser
import DPSClient
import DPSEngine
import DPSModel
import Foundation

/// `dpsbulk diff`: compares two DPS instances, or an instance and a backup file, by ID and content.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Compare two instances (or an instance and a backup file) by ID and content; exit 1 when they differ.",
        discussion: """
            Each side is a file (--source FILE, --target FILE: an export or a manifest) or an instance \
            (DPS_SOURCE_CONNECTION_STRING / DPS_TARGET_CONNECTION_STRING, or --source-connection-string-file / \
            --target-connection-string-file), which is exported with its groups first. Read-only fields and \
            service defaults are ignored; certificates compare by thumbprint; symmetric keys only with \
            --include-keys (one extra operation per item on an instance side).
            """
    )

    @OptionGroup var logging: LogOptions

    @OptionGroup var metrics: MetricsOptions

    @Option(help: "The source as a file (an export or a manifest).")
    var source: String?

    @Option(help: "The target as a file (an export or a manifest).")
    var target: String?

    @OptionGroup var instances: InstancePairOptions

    @Flag(name: .customLong("include-keys"), help: "Compare symmetric keys and certificates too.")
    var includeKeys = false

    @Option(
        name: .customLong("map-hub"),
        help:
            "OLD=NEW: compare as if the source named IoT hub NEW where it names OLD, as migrate --map-hub copies (repeatable)."
    )
    var mapHub: [String] = []

    @Option(help: "How many differences to list.")
    var limit = 50

    @OptionGroup var sharedQuota: SharedQuotaOptions

    @Option(name: .customLong("operations-per-minute"), help: "On each instance side: auto or a number.")
    var operationsPerMinute = Pace.auto

    @OptionGroup var age: AgeIdentityOptions

    func validate() throws {
        do {
            _ = try HubMap(pairs: mapHub)
        } catch {
            throw ValidationError("--map-hub: \(error.message)")
        }
    }

    func run() async throws {
        var diffRun = DiffRun(
            source: try side(.source, file: source),
            target: try side(.target, file: target)
        )
        diffRun.includeKeys = includeKeys
        diffRun.pace = operationsPerMinute
        diffRun.sharedQuota = try sharedQuota.directory()
        diffRun.limit = limit
        diffRun.hubMap = try HubMap(pairs: mapHub)
        diffRun.caCertificatePath = instances.caCertificate
        diffRun.identities = try age.load()
        let run = diffRun
        let end = await GracefulRun.run { try await run.run() }
        let diff: ManifestDiff
        switch end.result {
        case .success(let value): diff = value
        case .failure(let error) where error is RunInterrupted || error is CancellationError:
            throw CommandFailure(status: ExitStatus.stopped(by: end.signal), message: "interrupted")
        case .failure(let error as RunStopped):
            throw CommandFailure(status: ExitStatus.stopped, message: error.message)
        case .failure(let error): throw error
        }
        for difference in diff.differences {
            switch difference {
            case .missing(let kind, let id): print("missing in target: \(kind) \(id)")
            case .extra(let kind, let id): print("only in target:    \(kind) \(id)")
            case .changed(let kind, let id, let fields):
                print("different:         \(kind) \(id) (\(fields.joined(separator: ", ")))")
            }
        }
        print(
            "\(diff.same) same, \(diff.changed) different, \(diff.missing) missing in target, \(diff.extra) only in target"
        )
        if !diff.isSame { throw ExitCode(ExitStatus.recordErrors) }
    }

    /// One side: the file given, or the instance its options or variables name (see ``InstancePairOptions``).
    private func side(_ side: InstancePairOptions.Side, file: String?) throws -> DiffRun.Side {
        guard let file else { return .instance(try instances.resolve(side)) }
        guard !instances.namesInstance(side) else {
            throw CommandFailure(
                status: ExitStatus.usageOrInput,
                message: "give the \(side.rawValue) as a file or an instance, not both"
            )
        }
        return .file(file)
    }
}
