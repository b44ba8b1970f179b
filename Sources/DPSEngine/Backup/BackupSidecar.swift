import Foundation

/// The SHA-256 sidecar of a backup (`FILE.sha256`, `sha256sum` format): the check that a backup is the file that
/// was written, before it is trusted.
public enum BackupSidecar {
    /// Why a sidecar check failed.
    public struct Mismatch: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Checks that `path` has a sidecar and that its digest is the file's; returns the digest.
    ///
    /// - Throws: ``Mismatch`` naming the file and what is wrong.
    @discardableResult
    public static func check(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Mismatch(message: "no such backup: \(path)")
        }
        guard let text = try? String(contentsOfFile: path + ".sha256", encoding: .utf8) else {
            throw Mismatch(message: "\(path) has no readable SHA-256 sidecar (\(path).sha256)")
        }
        let expected = text.prefix { !$0.isWhitespace }.lowercased()
        guard expected.count == 64, expected.allSatisfy(\.isHexDigit) else {
            throw Mismatch(message: "\(path).sha256 does not hold a SHA-256 digest")
        }
        let actual = try ManifestDigest.sha256(ofFileAt: path)
        guard actual == expected else {
            throw Mismatch(message: "\(path) does not match its SHA-256 sidecar: the file changed or is damaged")
        }
        return actual
    }
}
