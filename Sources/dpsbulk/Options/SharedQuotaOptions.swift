import ArgumentParser
import DPSEngine
import DPSModel
import Foundation

/// `--shared-quota on|off`: whether a run shares each instance's quota with the other dpsbulk processes of the
/// host (``SharedQuotaDirectory``); `DPSBULK_SHARED_QUOTA` sets the default.
struct SharedQuotaOptions: ParsableArguments {
    /// On or off.
    enum Setting: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    @Option(
        name: .customLong("shared-quota"),
        help: """
            on (default, or DPSBULK_SHARED_QUOTA): share each instance's quota with the other dpsbulk processes of \
            this host through a state file in $DPSBULK_HOME/quota (else ~/.local/state/dpsbulk/quota); off: pace \
            alone.
            """
    )
    var setting: Setting?

    /// The folder to share through, nil when sharing is off (or no home folder is known, which is said).
    ///
    /// - Throws: `DPSBULK_SHARED_QUOTA` set to something other than `on` or `off`.
    func directory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws
        -> SharedQuotaDirectory?
    {
        let chosen: Setting
        if let setting {
            chosen = setting
        } else if let value = environment["DPSBULK_SHARED_QUOTA"], !value.isEmpty {
            guard let parsed = Setting(rawValue: value.lowercased()) else {
                throw CommandFailure(
                    status: ExitStatus.usageOrInput,
                    message: "DPSBULK_SHARED_QUOTA must be on or off, not '\(TerminalText.escaped(value))'"
                )
            }
            chosen = parsed
        } else {
            chosen = .on
        }
        guard chosen == .on else { return nil }
        guard let directory = SharedQuotaDirectory.standard(environment: environment) else {
            FileHandle.standardError.write(
                Data(
                    ("dpsbulk: warning: neither DPSBULK_HOME, XDG_STATE_HOME nor HOME is set: the quota is not shared "
                        + "with other dpsbulk processes\n").utf8
                )
            )
            return nil
        }
        return directory
    }
}
