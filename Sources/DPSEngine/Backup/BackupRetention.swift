import DPSAge
import Foundation

/// Applies a ``RetentionPolicy`` after an export: the new backup is verified first (its sidecar always; every line
/// too when it is plain or an identity decrypts it), and only then are older backups of the same series removed,
/// each with its sidecar.
public struct BackupRetention: Sendable {
    public var policy: RetentionPolicy
    /// The `--out` template the series is named by (placeholders `{date}`, `{time}`, `{host}`).
    public var template: String

    public init(policy: RetentionPolicy, template: String) {
        self.policy = policy
        self.template = template
    }

    /// Verifies `newBackup`, then removes the older backups the policy lets go; returns their paths.
    ///
    /// - Throws: when the new backup does not verify (nothing is removed then), or the template is not a series.
    func apply(newBackup: String, host: String, identities: [AgeIdentity], now: Date = Date()) throws -> [String] {
        let pattern = try BackupPattern(template: template, host: host)
        guard pattern.isSeries else {
            throw BackupPatternError(
                message: "--keep and --keep-days need {date} or {time} in --out, so that backups do not replace "
                    + "each other"
            )
        }
        if try BackupFile.isAge(newBackup) && identities.isEmpty {
            try BackupSidecar.check(newBackup)
        } else {
            let verification = try BackupVerification.verify(newBackup, identities: identities)
            guard verification.canRestoreEverything else {
                throw BackupPatternError(
                    message: "the new backup \(newBackup) lacks keys for \(verification.missingKeys) items; "
                        + "no older backup was removed"
                )
            }
        }
        var removed: [String] = []
        for match in policy.toRemove(pattern.existing(), newest: newBackup, now: now) {
            try FileManager.default.removeItem(atPath: match.path)
            try? FileManager.default.removeItem(atPath: match.path + ".sha256")
            removed.append(match.path)
        }
        return removed
    }
}
