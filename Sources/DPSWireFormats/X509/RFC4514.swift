/// String rules of RFC 4514 (LDAP distinguished names as text).
enum RFC4514 {
    /// Escapes an attribute value's text per RFC 4514 §2.4.
    static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for (offset, scalar) in scalars.enumerated() {
            switch scalar {
            case "\"", "+", ",", ";", "<", ">", "\\":
                out += "\\\(scalar)"
            case "\0":
                out += "\\00"
            case "#" where offset == 0, " " where offset == 0 || offset == scalars.count - 1:
                out += "\\\(scalar)"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
