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

/// Runs the command and maps every outcome to the documented exit codes (see README "Exit codes").
@main
enum Main {
    static func main() async {
        do {
            var command = try DPSBulk.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(ExitStatus.forError(error))
        }
    }

    static func exit(_ status: Int32) -> Never {
        fflush(nil)
        Foundation.exit(status)
    }
}
