import Foundation
import Logging

/// A swift-log handler writing each record as one ``JSONLogLine`` (time, level, label, message, fields) with a
/// single write, by default to standard error. For the executable to bootstrap with (`--log-format json`); a
/// library only accepts a `Logger`.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String
    private let write: @Sendable (String) -> Void

    /// A handler for `label` that passes each line, newline included, to `write` (standard error by default).
    public init(
        label: String,
        metadataProvider: Logger.MetadataProvider? = nil,
        write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    /// Writes `line` to standard error in one system call.
    public static func standardError(_ line: String) {
        FileHandle.standardError.write(Data(line.utf8))
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { $1 } }
        if let given = event.metadata { fields.merge(given) { $1 } }
        let line = JSONLogLine.encode(
            time: Date(),
            level: event.level,
            label: label,
            message: event.message.description,
            fields: fields
        )
        write(line + "\n")
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
