import ArgumentParser
import Foundation

/// The `dpsbulk` command: bulk enrollment work on Azure IoT Hub Device Provisioning Service.
struct DPSBulk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dpsbulk",
        abstract: "Validate, import, export and migrate Azure IoT Hub DPS enrollments in bulk.",
        version: "0.1.0 (commit \(BuildVersion.commit))",
        subcommands: [
            ValidateCommand.self, ImportCommand.self, StatusCommand.self, ReportCommand.self, ExportCommand.self,
            DiffCommand.self, VerifyCommand.self, MigrateCommand.self,
            WatchCommand.self, EmulatorCommand.self,
        ]
    )
}

/// Runs the command and maps every outcome to the documented exit codes (see README "Exit codes"): logging
/// bootstrapped first with the command's `--log-format` (human when the command line cannot be parsed), its
/// `--metrics-file` written last, whatever the outcome.
@main
enum Main {
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try DPSBulk.parseAsRoot()
        } catch {
            DiagnosticLog.bootstrap(.human)
            exit(ExitStatus.forError(error))
        }
        DiagnosticLog.bootstrap((command as? any LoggingCommand)?.logging.logFormat ?? .human)
        let report = (command as? any MetricsReportingCommand).flatMap(MetricsReport.start(for:))
        var status = ExitStatus.success
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            status = ExitStatus.forError(error)
        }
        if let report { status = report.finish(status: status) }
        exit(status)
    }

    static func exit(_ status: Int32) -> Never {
        fflush(nil)
        Foundation.exit(status)
    }
}
