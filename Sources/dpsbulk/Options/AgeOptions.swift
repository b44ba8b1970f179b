import ArgumentParser
import DPSAge
import Foundation

/// `--identity FILE` (or `DPSBULK_AGE_IDENTITY=FILE`): the age identities that decrypt age-encrypted manifests and
/// backups. The identity is read from a file, never taken on the command line, and never printed.
struct AgeIdentityOptions: ParsableArguments {
    @Option(
        name: .customLong("identity"),
        help: ArgumentHelp(
            "An age identity file (AGE-SECRET-KEY-1… lines, as age-keygen writes) that decrypts age files; "
                + "default: the file DPSBULK_AGE_IDENTITY names.",
            valueName: "file"
        )
    )
    var identityFiles: [String] = []

    /// The identities of the files given (or of `DPSBULK_AGE_IDENTITY`); empty when none is given.
    func load() throws -> [AgeIdentity] {
        var files = identityFiles
        if files.isEmpty, let file = ProcessInfo.processInfo.environment["DPSBULK_AGE_IDENTITY"], !file.isEmpty {
            files = [file]
        }
        var identities: [AgeIdentity] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(
                    status: ExitStatus.usageOrInput,
                    message: "cannot read the age identity file \(file)"
                )
            }
            guard data.count <= 1 << 20 else {
                throw CommandFailure(
                    status: ExitStatus.usageOrInput,
                    message: "the age identity file \(file) is larger than 1 MiB"
                )
            }
            do {
                identities += try AgeIdentity.parseFile(String(decoding: data, as: UTF8.self), source: file)
            } catch {
                throw CommandFailure(status: ExitStatus.usageOrInput, message: error.message)
            }
        }
        return identities
    }
}

/// `--encrypt-to RECIPIENT` (repeatable): an age `age1…` public key, or a file of them.
enum AgeRecipientsArgument {
    /// The recipients named by `values`: each an `age1…` key or the path of a file of them.
    static func load(_ values: [String]) throws -> [AgeRecipient] {
        var recipients: [AgeRecipient] = []
        for value in values {
            do {
                if value.hasPrefix("age1") || value.uppercased().hasPrefix("AGE-SECRET-KEY-") {
                    recipients.append(try AgeRecipient(value))
                } else if let data = FileManager.default.contents(atPath: value), data.count <= 1 << 20 {
                    recipients += try AgeRecipient.parseList(String(decoding: data, as: UTF8.self), source: value)
                } else {
                    throw CommandFailure(
                        status: ExitStatus.usageOrInput,
                        message: "--encrypt-to \(value) is neither an age1… recipient nor a readable file of them"
                    )
                }
            } catch let error as AgeError {
                throw CommandFailure(status: ExitStatus.usageOrInput, message: "--encrypt-to: \(error.message)")
            }
        }
        return recipients
    }
}
