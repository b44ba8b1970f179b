import Foundation

/// The folder where the dpsbulk processes of one host share each instance's quota: one small state file per
/// instance (host and port) in it, read and written under a file lock (see ``SharedQuota``).
///
/// Processes started from different directories must find the same folder, so it does not follow the current
/// directory: `$DPSBULK_HOME/quota` when `DPSBULK_HOME` is set, else `$XDG_STATE_HOME/dpsbulk/quota`, else
/// `~/.local/state/dpsbulk/quota`.
public struct SharedQuotaDirectory: Sendable, Hashable {
    /// The folder.
    public let path: String

    /// The folder at `path`.
    public init(path: String) {
        self.path = path
    }

    /// The standard folder for `environment` (the process's environment), or nil when it names no home at all.
    /// Relative `XDG_STATE_HOME` values are ignored, as the XDG specification asks.
    public static func standard(environment: [String: String]) -> SharedQuotaDirectory? {
        if let home = environment["DPSBULK_HOME"], !home.isEmpty {
            return SharedQuotaDirectory(path: (home as NSString).appendingPathComponent("quota"))
        }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return SharedQuotaDirectory(path: (state as NSString).appendingPathComponent("dpsbulk/quota"))
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return SharedQuotaDirectory(path: (home as NSString).appendingPathComponent(".local/state/dpsbulk/quota"))
        }
        return nil
    }

    /// The state file's name for `instance` (host, or host:port): lowercased, every character other than a
    /// letter, digit, `.` or `-` replaced by `_` (`localhost_8443.json`); nil for a name no host has.
    public static func fileName(forInstance instance: String) -> String? {
        let lowered = instance.lowercased()
        guard !lowered.isEmpty, lowered.utf8.count <= 260, !lowered.hasPrefix(".") else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        return String(lowered.map { allowed.contains($0) ? $0 : "_" })
    }
}
