import ArgumentParser
import DPSEngine
import DPSManifest
import DPSModel
import DPSValidation
import Foundation

/// `dpsbulk validate`: checks manifests before any network call and reports every problem.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests and report every problem, with file, line, field and reason.",
        discussion: """
            Exit status: 0 when no record has an error (warnings allowed), 1 when some record has an error, \
            2 for bad usage or unreadable input.
            """
    )

    @OptionGroup var logging: LogOptions

    @OptionGroup var metrics: MetricsOptions

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case human, json
    }

    @Argument(help: "CSV (.csv) or JSON-lines (.jsonl) manifests.")
    var manifests: [String]

    @Option(help: "Output: human (grouped by line, then a summary) or json (one object per finding per line).")
    var format: OutputFormat = .human

    @Option(name: .customLong("manifest-format"), help: "Read manifests as csv or jsonl whatever their extension.")
    var manifestFormat: ManifestFormat?

    @Flag(help: "Ignore CSV columns dpsbulk does not know instead of refusing the manifest.")
    var allowUnknownColumns = false

    @Option(help: "Check certificate validity at this ISO 8601 time instead of now (e.g. 2030-01-01T00:00:00Z).")
    var at: String?

    @Flag(name: .customLong("errors-only"), help: "Do not print warnings (they are still counted).")
    var errorsOnly = false

    @OptionGroup var age: AgeIdentityOptions

    func validate() throws {
        if let at, Timestamp(at) == nil {
            throw ValidationError("--at '\(at)' is not an ISO 8601 time such as 2030-01-01T00:00:00Z")
        }
    }

    func run() async throws {
        let now = at.flatMap { Timestamp($0)?.date } ?? Date()
        let validator = ManifestValidator(context: ValidationContext(now: now))
        var printer: any FindingPrinter =
            format == .json ? JSONFindingPrinter(errorsOnly: errorsOnly) : HumanFindingPrinter(errorsOnly: errorsOnly)
        var duplicates = DuplicateDetector()
        var total = ValidationSummary()
        var unreadable: [ManifestError] = []
        let identities = try age.load()
        for path in manifests {
            do {
                let reader = try ManifestReader(
                    path: path,
                    options: ManifestReadOptions(
                        format: manifestFormat,
                        allowUnknownColumns: allowUnknownColumns,
                        ageIdentities: identities
                    )
                )
                let summary = try await validator.validate(
                    reader,
                    duplicates: &duplicates,
                    reporting: .recordsWithFindings
                ) { record in
                    printer.record(record)
                }
                total.merge(summary)
            } catch let error as ManifestError {
                unreadable.append(error)
                printer.unreadable(error)
            }
        }
        printer.summary(total, files: manifests, unreadable: unreadable)
        let metrics = RunMetrics(command: .validate)
        metrics.record(.valid, count: total.valid)
        metrics.record(.warning, count: total.withWarnings)
        metrics.record(.invalid, count: total.withErrors)
        if !unreadable.isEmpty { throw ExitCode(ExitStatus.usageOrInput) }
        if total.withErrors > 0 { throw ExitCode(ExitStatus.recordErrors) }
    }
}

extension ManifestFormat: ExpressibleByArgument {}

extension ValidationSummary {
    mutating func merge(_ other: ValidationSummary) {
        rowsRead += other.rowsRead
        valid += other.valid
        withWarnings += other.withWarnings
        withErrors += other.withErrors
        byCode.merge(other.byCode, uniquingKeysWith: +)
    }
}
