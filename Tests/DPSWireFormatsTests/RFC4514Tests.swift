import Testing

@testable import DPSWireFormats

struct RFC4514Tests {
    @Test(arguments: [
        ("x509-line7-000201", "x509-line7-000201"),
        ("Contoso, Inc.", "Contoso\\, Inc."),
        ("a+b=c", "a\\+b=c"),
        ("say \"hi\"; <now>", "say \\\"hi\\\"\\; \\<now\\>"),
        ("back\\slash", "back\\\\slash"),
        ("#1 device", "\\#1 device"),
        ("device #1", "device #1"),
        (" padded ", "\\ padded\\ "),
        ("nul\u{0}byte", "nul\\00byte"),
        ("Zürich", "Zürich"),
    ])
    func escapes(raw: String, escaped: String) {
        #expect(RFC4514.escape(raw) == escaped)
    }
}
