/// The DPS service host a run writes to, e.g. `my-dps.azure-devices-provisioning.net` or `localhost:8443`.
///
/// Only a host name (or IP literal) with an optional port is accepted, so a key, a SAS token or a
/// connection string can never be stored in a journal by accident: anything with `;`, `=`, `/`, spaces,
/// or the words `SharedAccessKey` / `SharedAccessSignature` is refused.
public struct TargetHost: Hashable, Sendable, CustomStringConvertible {
    /// The validated host, lowercased, e.g. `my-dps.azure-devices-provisioning.net:443`.
    public let value: String

    /// The longest accepted host (a DNS name is at most 253 characters; a port adds 6).
    static let maximumLength = 260

    /// Validates `host`; throws ``JournalError/Code/invalidTargetHost`` when it is not a plain host.
    ///
    /// The message never repeats the rejected text, since it may be a secret.
    public init(_ host: String) throws {
        let lowered = host.lowercased()
        if lowered.contains("sharedaccesskey") || lowered.contains("sharedaccesssignature") || host.contains(";") {
            throw JournalError(
                code: .invalidTargetHost,
                message: "the target host looks like a connection string or a key; pass only the host name"
            )
        }
        guard !host.isEmpty, host.utf8.count <= Self.maximumLength else {
            throw JournalError(code: .invalidTargetHost, message: "the target host must be 1 to 260 characters")
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-:[]_")
        guard lowered.allSatisfy({ allowed.contains($0) }) else {
            throw JournalError(
                code: .invalidTargetHost,
                message: "the target host may contain only letters, digits, '.', '-', '_', ':' and brackets"
            )
        }
        self.value = lowered
    }

    /// The host text.
    public var description: String { value }
}
