/// One recipient stanza of an age header: `-> type args…` and a body of wrapped base64.
struct AgeStanza: Equatable {
    var type: String
    var arguments: [String]
    var body: [UInt8]

    /// The stanza as it appears in a header: the arguments line, then the body in lines of 64 base64 characters,
    /// the last one shorter (empty when the body's length is a multiple of 48 bytes).
    func encoded() -> String {
        var text = "-> " + ([type] + arguments).joined(separator: " ") + "\n"
        let base64 = Array(AgeBase64.encode(body).utf8)
        var start = 0
        while true {
            let end = min(start + 64, base64.count)
            text += String(decoding: base64[start..<end], as: UTF8.self) + "\n"
            if end - start < 64 { break }
            start = end
        }
        return text
    }
}
