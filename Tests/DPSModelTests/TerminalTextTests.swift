import Testing

@testable import DPSModel

struct TerminalTextTests {
    @Test(arguments: [
        ("plain-id_1.x", "plain-id_1.x"),
        ("a\u{1B}[31mred\u{07}", "a\\x1B[31mred\\x07"),
        ("tab\there", "tab\\x09here"),
        ("line\nbreak", "line\\x0Abreak"),
        ("del\u{7F}c1\u{9B}", "del\\x7Fc1\\x9B"),
        ("evil\u{202E}txt.exe", "evil\\u{202E}txt.exe"),
        ("iso\u{2066}late\u{2069}", "iso\\u{2066}late\\u{2069}"),
        ("é ü 日本", "é ü 日本"),
    ])
    func controlCharactersAreEscaped(input: String, expected: String) {
        #expect(TerminalText.escaped(input) == expected)
    }

    @Test func newlinesCanBeKept() {
        #expect(TerminalText.escaped("a\nb\u{1B}", keepingNewlines: true) == "a\nb\\x1B")
    }
}
