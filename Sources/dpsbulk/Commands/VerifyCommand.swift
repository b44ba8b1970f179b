import ArgumentParser
import DPSEngine
import DPSManifest
import Foundation

/// `dpsbulk verify BACKUP`: whether a backup is intact and could restore everything it lists.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a backup: its SHA-256 sidecar, every line, and that it holds the keys a restore needs.",
        discussion: """
            Decrypts an age-encrypted backup with --identity (or DPSBULK_AGE_IDENTITY). Exit 0 only for a backup \
            that matches its sidecar and can restore every item it lists; 1 when items lack keys or certificates; \
            2 when the file is damaged, tampered with, does not match its sidecar, or cannot be decrypted.
            """
    )

    @OptionGroup var logging: LogOptions

    @Argument(help: "The backup file (as dpsbulk export wrote it, with its .sha256 sidecar).")
    var backup: String

    @OptionGroup var age: AgeIdentityOptions

    @Option(name: .customLong("summary-json"), help: "Write the result as JSON to this file.")
    var summaryJSON: String?

    func run() async throws {
        let result: BackupVerification
        do {
            result = try BackupVerification.verify(backup, identities: try age.load())
        } catch let error as BackupSidecar.Mismatch {
            throw CommandFailure(status: ExitStatus.usageOrInput, message: error.message)
        } catch let error as ManifestError {
            throw CommandFailure(status: ExitStatus.usageOrInput, message: error.description)
        }
        let kinds = result.byKindAndAttestation.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        print(
            "\(result.file): sidecar matches (SHA-256 \(result.sha256.prefix(16))…)"
                + (result.encrypted ? ", decrypted; " : "; ")
                + "\(result.enrollments) enrollments and \(result.groups) groups"
                + (kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))")
        )
        if let summaryJSON {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(result).write(to: URL(fileURLWithPath: summaryJSON))
        }
        guard result.canRestoreEverything else {
            for item in result.missingKeysListed { print("missing keys or certificates: \(item)") }
            if result.missingKeys > result.missingKeysListed.count {
                print("… and \(result.missingKeys - result.missingKeysListed.count) more")
            }
            throw CommandFailure(
                status: ExitStatus.recordErrors,
                message: "\(result.missingKeys) items lack the keys or certificates a restore needs "
                    + "(export with --include-keys)"
            )
        }
        print("The backup can restore every item it lists.")
    }
}
