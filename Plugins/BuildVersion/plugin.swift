import Foundation
import PackagePlugin

/// Generates `BuildVersion.swift` for a target before every build: the commit the binary is built from, as
/// `scripts/build-version.sh` reads it from git (or `DPSBULK_COMMIT`, or "unknown" outside a git checkout).
@main
struct BuildVersion: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        let package = context.package.directoryURL
        return [
            .prebuildCommand(
                displayName: "Reading the commit dpsbulk is built from",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [
                    package.appendingPathComponent("scripts/build-version.sh").path, package.path,
                    output.appendingPathComponent("BuildVersion.swift").path,
                ],
                environment: ProcessInfo.processInfo.environment.filter { $0.key == "DPSBULK_COMMIT" },
                outputFilesDirectory: output
            )
        ]
    }
}
