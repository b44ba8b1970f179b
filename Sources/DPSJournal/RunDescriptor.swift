import Foundation

/// What a bulk operation does to each record.
public enum RunMode: String, Sendable, CaseIterable, Codable {
    /// Create records; an existing one is a conflict.
    case create
    /// Update existing records; a missing one is a failure.
    case update
    /// Create or replace records.
    case upsert
    /// Delete records.
    case delete
}

/// The life-cycle status of a run.
public enum RunStatus: String, Sendable, CaseIterable, Codable {
    /// The run is in progress, or its process died without saying otherwise.
    case running
    /// Every record reached a final state.
    case completed
    /// The run was stopped on purpose (signal, fatal service error) and can be resumed.
    case interrupted
}

/// The identity of a run: which manifest is applied to which host in which mode, and how.
///
/// A descriptor is validated on creation: the digest is 64 hex characters, the host is a plain host
/// (see ``TargetHost``) and the options are a JSON object that does not look like it holds a secret.
public struct RunDescriptor: Sendable, Equatable {
    /// The manifest path as given on the command line.
    public let manifestPath: String
    /// The SHA-256 of the manifest's bytes, lowercase hexadecimal.
    public let manifestSHA256: String
    /// The DPS host the records are sent to.
    public let targetHost: TargetHost
    /// The operation applied to each record.
    public let mode: RunMode
    /// The run options (batch size, rate...) as compact JSON object text.
    public let options: String
    /// The version of dpsbulk that runs the import.
    public let dpsbulkVersion: String

    /// Validates and creates a descriptor.
    ///
    /// - Throws: ``JournalError/Code/invalidManifestDigest`` or ``JournalError/Code/invalidOptions``.
    public init(
        manifestPath: String,
        manifestSHA256: String,
        targetHost: TargetHost,
        mode: RunMode,
        options: String = "{}",
        dpsbulkVersion: String
    ) throws {
        let digest = manifestSHA256.lowercased()
        guard digest.utf8.count == 64, digest.allSatisfy({ $0.isHexDigit }) else {
            throw JournalError(
                code: .invalidManifestDigest,
                message: "the manifest SHA-256 must be 64 hexadecimal characters"
            )
        }
        try Self.validate(options: options)
        self.manifestPath = manifestPath
        self.manifestSHA256 = digest
        self.targetHost = targetHost
        self.mode = mode
        self.options = options
        self.dpsbulkVersion = dpsbulkVersion
    }

    static func validate(options: String) throws {
        let object = try? JSONSerialization.jsonObject(with: Data(options.utf8))
        guard object is [String: Any] else {
            throw JournalError(code: .invalidOptions, message: "the run options must be a JSON object")
        }
        let lowered = options.lowercased()
        if lowered.contains("sharedaccesskey") || lowered.contains("sharedaccesssignature") {
            throw JournalError(
                code: .invalidOptions,
                message: "the run options look like they contain a key or a SAS token; never journal secrets"
            )
        }
    }
}
