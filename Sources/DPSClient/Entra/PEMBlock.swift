import Foundation

/// Finds blocks in PEM text.
enum PEMBlock {
    /// The whole first block whose label ends with `suffix` (e.g. `PRIVATE KEY` finds `RSA PRIVATE KEY` too).
    static func text(endingWith suffix: String, in pem: String) -> String? {
        for label in ["", "RSA ", "ENCRYPTED "] {
            let begin = "-----BEGIN \(label)\(suffix)-----"
            let end = "-----END \(label)\(suffix)-----"
            if let start = pem.range(of: begin), let stop = pem.range(of: end, range: start.upperBound..<pem.endIndex) {
                return String(pem[start.lowerBound..<stop.upperBound])
            }
        }
        return nil
    }

    /// The DER bytes of the first block labelled `label`.
    static func der(of label: String, in pem: String) -> Data? {
        guard let start = pem.range(of: "-----BEGIN \(label)-----"),
            let stop = pem.range(of: "-----END \(label)-----", range: start.upperBound..<pem.endIndex)
        else { return nil }
        let body = pem[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(body))
    }
}
