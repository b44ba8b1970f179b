import ArgumentParser
import DPSAge
import DPSEngine
import DPSJournal
import DPSManifest

/// How a manifest is imported, shared by `import` and `watch` (each of watch's jobs is an import): the mode, the
/// requests in flight, the pace, strictness and unknown columns.
struct ImportBehaviourOptions: ParsableArguments {
    /// What an import does to each record.
    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case create, update, upsert, delete

        var runMode: RunMode {
            switch self {
            case .create: .create
            case .update: .update
            case .upsert: .upsert
            case .delete: .delete
            }
        }
    }

    @Option(
        help:
            "create (default), update, upsert (create, then update what exists: 1 extra operation per batch that met existing enrollments) or delete."
    )
    var mode: Mode = .create

    @Option(help: "Requests in flight at once for each manifest (1-64).")
    var concurrency = Concurrency.default

    @Option(
        name: .customLong("operations-per-minute"),
        help: "auto (find the service's quota from its 429s and stay just under it) or a number."
    )
    var operationsPerMinute = Pace.auto

    @Flag(help: "Send nothing of a manifest with any invalid record (watch files it in rejected/).")
    var strict = false

    @Flag(help: "Ignore CSV columns dpsbulk does not know.")
    var allowUnknownColumns = false

    /// How to read a manifest with these options and the age `identities` (for encrypted manifests).
    func readOptions(ageIdentities identities: [AgeIdentity]) -> ManifestReadOptions {
        ManifestReadOptions(allowUnknownColumns: allowUnknownColumns, ageIdentities: identities)
    }

    /// An import configuration with these options set (the rest at their defaults).
    func importConfiguration(ageIdentities identities: [AgeIdentity]) -> ImportConfiguration {
        var configuration = ImportConfiguration()
        configuration.mode = mode.runMode
        configuration.concurrency = concurrency
        configuration.pace = operationsPerMinute
        configuration.strict = strict
        configuration.readOptions = readOptions(ageIdentities: identities)
        return configuration
    }
}
