/// Tells an inline certificate cell from a path to a certificate file.
enum CertificateCell {
    /// True for inline PEM, or for a long run of base64 characters (base64 DER, which DPS also accepts).
    static func isInline(_ cell: String) -> Bool {
        if cell.contains("-----BEGIN") { return true }
        guard cell.utf8.count >= 200 else { return false }
        return cell.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="),
                0x0A, 0x0D:
                true
            default: false
            }
        }
    }
}
