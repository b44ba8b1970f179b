import Foundation

/// Splits text into PEM blocks (RFC 7468), leniently about layout and strictly about structure.
///
/// Text outside blocks (comments, `openssl x509 -text` output) is ignored. Markers may sit on one line with the
/// base64 (a PEM squashed onto one CSV line still splits). Every BEGIN needs the END with the same label.
enum PEMScanner {
    private static let beginMarker = "-----BEGIN "
    private static let dashes = "-----"

    /// Whether `text` contains a BEGIN marker at all.
    static func containsPEM(_ text: String) -> Bool {
        text.contains(beginMarker)
    }

    /// The blocks of `text` in order; empty when it has no BEGIN marker.
    static func blocks(in text: String) throws(CertificateInputError) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var rest = text[...]
        while let begin = rest.range(of: beginMarker) {
            let index = blocks.count + 1
            guard let labelEnd = rest[begin.upperBound...].range(of: dashes) else {
                throw CertificateInputError(
                    code: .truncatedPEM,
                    message: "PEM block \(index): the '-----BEGIN' line is not closed by '-----'",
                    blockIndex: index
                )
            }
            let label = String(rest[begin.upperBound..<labelEnd.lowerBound])
            guard !label.contains(where: \.isNewline), label.count <= 64 else {
                throw CertificateInputError(
                    code: .truncatedPEM,
                    message: "PEM block \(index): the '-----BEGIN' line is not closed by '-----' on the same line",
                    blockIndex: index
                )
            }
            let endMarker = "-----END \(label)-----"
            guard let end = rest[labelEnd.upperBound...].range(of: endMarker) else {
                throw CertificateInputError(
                    code: .truncatedPEM,
                    message: "PEM block \(index) ('\(label)') has no '\(endMarker)' line: was the value cut off, "
                        + "or does the END line name another label?",
                    blockIndex: index
                )
            }
            blocks.append(PEMBlock(label: label, body: rest[labelEnd.upperBound..<end.lowerBound], index: index))
            rest = rest[end.upperBound...]
        }
        return blocks
    }
}
