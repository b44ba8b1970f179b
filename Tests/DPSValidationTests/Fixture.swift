import Foundation

/// Locates files under the test target's `Fixtures/` resource folder.
enum Fixture {
    /// The URL of `relativePath` inside `Fixtures/`.
    static func url(_ relativePath: String) -> URL {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures resource folder missing from the test bundle")
        }
        return root.appendingPathComponent(relativePath)
    }

    /// The UTF-8 text of a fixture, with surrounding whitespace trimmed.
    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
