import Foundation

extension RunDescriptor {
    /// A descriptor whose options are `options` encoded as a compact JSON object with sorted keys.
    ///
    /// - Throws: ``JournalError/Code/invalidManifestDigest`` or ``JournalError/Code/invalidOptions`` (also when
    ///   `options` does not encode as a JSON object).
    public init(
        manifestPath: String,
        manifestSHA256: String,
        targetHost: TargetHost,
        mode: RunMode,
        options: some Encodable,
        dpsbulkVersion: String
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text: String
        do {
            text = String(decoding: try encoder.encode(options), as: UTF8.self)
        } catch {
            throw JournalError(code: .invalidOptions, message: "the run options cannot be written as JSON: \(error)")
        }
        try self.init(
            manifestPath: manifestPath,
            manifestSHA256: manifestSHA256,
            targetHost: targetHost,
            mode: mode,
            options: text,
            dpsbulkVersion: dpsbulkVersion
        )
    }
}
