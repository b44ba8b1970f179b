import ArgumentParser
import DPSClient
import DPSEngine
import DPSModel
import Foundation

/// `dpsbulk export`: every enrollment (and group) to a file that `dpsbulk import` reads back unchanged.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Export all enrollments (and groups) to JSON lines or CSV; resumable, atomic, with a SHA-256 sidecar.",
        discussion: """
            --out may hold {date} (YYYY-MM-DD), {time} (HHMMSS) and {host} for nightly jobs, e.g. \
            --out 'backups/{host}-{date}.jsonl'. A killed export resumes when run again with the same --out. \
            An --out ending in .gz (backup.jsonl.gz, devices.csv.gz) is written gzip-compressed, one gzip member \
            per page; import, validate and diff read it as it is. Without --format, a name ending in .csv or .csv.gz \
            is written as CSV.
            """
    )

    @OptionGroup var logging: LogOptions

    @OptionGroup var metrics: MetricsOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv
    }

    @OptionGroup var target: TargetOptions

    @Option(help: "The file to write (placeholders {date}, {time}, {host}); a name ending in .gz is written gzipped.")
    var out: String

    @Option(
        help:
            "jsonl (the wire format) or csv (the manifest columns); by default csv when --out ends in .csv or .csv.gz, jsonl otherwise."
    )
    var format: Format?

    @Flag(help: "Export enrollment groups too (written first).")
    var groups = false

    @Flag(
        name: .customLong("include-keys"),
        help:
            "Fetch each symmetric-key and X.509 item's attestation mechanism (one extra operation each) so the file holds the keys and certificates a restore needs. The file is then readable by its owner only."
    )
    var includeKeys = false

    @Option(
        help:
            "Also write the registration states of every enrollment group to this JSON-lines file (placeholders as --out)."
    )
    var registrations: String?

    @Option(name: .customLong("operations-per-minute"), help: "auto or a number.")
    var operationsPerMinute = Pace.auto

    @Option(name: .customLong("page-size"), help: "Items per query page (at most 1000).")
    var pageSize = 1000

    @Option(
        name: .customLong("encrypt-to"),
        help: ArgumentHelp(
            "Write the file age-encrypted (c2sp.org/age) to this recipient: an age1… public key or a file of them "
                + "(repeatable). No plaintext reaches the disk; a killed encrypted export restarts from the beginning.",
            valueName: "recipient"
        )
    )
    var encryptTo: [String] = []

    @Option(
        name: .customLong("keys-from"),
        help: ArgumentHelp(
            "With --include-keys: a previous backup (checked against its .sha256 sidecar) whose keys and certificates "
                + "are reused for items whose etag is unchanged; with {date} or {time}, the newest such backup.",
            valueName: "backup"
        )
    )
    var keysFrom: String?

    @OptionGroup var age: AgeIdentityOptions

    @OptionGroup var sharedQuota: SharedQuotaOptions

    @Option(help: "After the export is complete and verified, keep only the newest N backups matching --out.")
    var keep: Int?

    @Option(
        name: .customLong("keep-days"),
        help: "After the export is complete and verified, remove backups matching --out dated more than D days ago."
    )
    var keepDays: Int?

    @Option(name: .customLong("summary-json"), help: "Write the summary as JSON to this file.")
    var summaryJSON: String?

    @Flag(help: "No progress display.")
    var quiet = false

    func validate() throws {
        guard (1...1000).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 1000") }
        if out.lowercased().hasSuffix(".age") && encryptTo.isEmpty {
            throw ValidationError("--out ends in .age: give --encrypt-to RECIPIENT, or a name without .age")
        }
        if keysFrom != nil && !includeKeys { throw ValidationError("--keys-from needs --include-keys") }
        if (keep != nil || keepDays != nil) && !out.contains("{date}") && !out.contains("{time}") {
            throw ValidationError("--keep and --keep-days need {date} or {time} in --out")
        }
    }

    func run() async throws {
        switch try target.resolve() {
        case .target(let target):
            try await export(from: target, knownQuota: .unknown, sharedQuota: try sharedQuota.directory())
        case .embeddedEmulator:
            // The embedded emulator is this process's own: there is no quota to share with anyone.
            try await EmbeddedEmulator.withRunning {
                try await export(from: ServiceTarget($0), knownQuota: $1, sharedQuota: nil)
            }
        }
    }

    private func export(
        from connection: ServiceTarget,
        knownQuota: KnownQuota,
        sharedQuota: SharedQuotaDirectory?
    ) async throws {
        var configuration = ExportConfiguration()
        configuration.knownQuota = knownQuota
        configuration.sharedQuota = sharedQuota
        configuration.format = (format ?? Self.format(of: out)) == .csv ? .csv : .jsonLines
        configuration.includeGroups = groups
        configuration.includeKeys = includeKeys
        configuration.pace = operationsPerMinute
        configuration.pageSize = pageSize
        configuration.recipients = try AgeRecipientsArgument.load(encryptTo)
        configuration.keysFrom = keysFrom
        configuration.identities = try age.load()
        if keep != nil || keepDays != nil {
            do {
                configuration.retention = BackupRetention(
                    policy: try RetentionPolicy(keep: keep, keepDays: keepDays),
                    template: out
                )
            } catch let error as BackupPatternError {
                throw CommandFailure(status: ExitStatus.usageOrInput, message: error.message)
            }
        }
        let now = Date()
        let path = Self.expand(out, host: connection.host, now: now)
        configuration.registrationsPath = registrations.map { Self.expand($0, host: connection.host, now: now) }
        let run = ExportRun(
            configuration: configuration,
            source: connection,
            path: path,
            caCertificatePath: target.caCertificate
        )
        let progress = quiet ? nil : ProgressDisplay()
        let end = await GracefulRun.run { try await run.run(progress: progress) }
        progress?.finish()
        switch end.result.flatMap(\.outcome) {
        case .success(let summary):
            let kinds = summary.byAttestation.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                .joined(separator: ", ")
            print(
                "\(summary.enrollments) enrollments and \(summary.groups) groups (\(kinds.isEmpty ? "none" : kinds)) "
                    + "written to \(summary.file) (\(summary.bytes) bytes, SHA-256 \(summary.sha256.prefix(16))…, "
                    + "\(summary.requests) requests\(summary.resumed ? ", resumed" : ""))"
            )
            if let registrationsPath = configuration.registrationsPath {
                print("\(summary.registrations) registration states written to \(registrationsPath)")
            }
            if includeKeys {
                print(Self.keysLine(summary))
            }
            if summary.encrypted {
                print("The file is age-encrypted to \(configuration.recipients.count) recipient(s).")
            }
            for removed in summary.removedBackups { print("Removed older backup \(removed) (and its sidecar)") }
            if summary.containsSecrets && !summary.encrypted {
                print("The file holds symmetric keys: it is readable by its owner only; keep it like a secret.")
            }
            if !includeKeys, (summary.byAttestation["x509"] ?? 0) > 0 {
                print(
                    "Note: the service does not return certificates in queries; use --include-keys for a file that restores X.509 enrollments."
                )
            }
            if let summaryJSON {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(summary).write(to: URL(fileURLWithPath: summaryJSON))
            }
        case .failure(let error as RunStopped):
            throw CommandFailure(
                status: ExitStatus.stopped,
                message: "\(error.message); run the same command again to "
                    + (configuration.recipients.isEmpty ? "resume" : "start the encrypted export again")
            )
        case .failure(let error) where error is RunInterrupted || error is CancellationError:
            if case .success(let stopped) = end.result {
                print(
                    "\(stopped.written) items written to \(path).partial"
                        + String(format: " in %.1f s; ", stopped.elapsedSeconds)
                        + (configuration.recipients.isEmpty
                            ? "the checkpoint keeps the position."
                            : "an encrypted export keeps no checkpoint and starts again from the beginning.")
                )
            }
            throw CommandFailure(status: ExitStatus.stopped(by: end.signal), message: RunInterrupted().description)
        case .failure(let error):
            throw error
        }
    }

    /// The keys line of the summary: reused, fetched, and the operations against a full keyed export.
    static func keysLine(_ summary: ExportSummary) -> String {
        let full = summary.keysReused + summary.keysFetched
        guard let from = summary.keysFrom else {
            return "Keys: \(summary.keysFetched) fetched (one attestation call each)"
        }
        return "Keys: \(summary.keysReused) reused from \(from), \(summary.keysFetched) fetched; "
            + "\(summary.requests) operations instead of \(summary.requests + summary.keysReused) for a full keyed "
            + "export (\(full) keyed items)"
    }

    /// The format an output name asks for: csv for `.csv` and `.csv.gz`, jsonl otherwise.
    static func format(of path: String) -> Format {
        var name = path.lowercased()
        if name.hasSuffix(".age") { name.removeLast(4) }
        return name.hasSuffix(".csv") || name.hasSuffix(".csv.gz") ? .csv : .jsonl
    }

    /// `{date}`, `{time}` and `{host}` replaced (UTC).
    static func expand(_ template: String, host: String, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        let date = formatter.string(from: now)
        formatter.dateFormat = "HHmmss"
        let time = formatter.string(from: now)
        return template.replacingOccurrences(of: "{date}", with: date).replacingOccurrences(of: "{time}", with: time)
            .replacingOccurrences(of: "{host}", with: host)
    }
}
