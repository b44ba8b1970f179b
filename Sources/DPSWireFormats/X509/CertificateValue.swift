import Foundation

/// A certificate value as a manifest or a DPS request carries it: one or more PEM `CERTIFICATE` blocks, or one
/// certificate as bare base64 DER (DPS accepts both).
///
/// Reading is strict: every PEM block must be a `CERTIFICATE` with valid base64 and a valid DER certificate, so a
/// private key pasted next to a certificate is refused rather than silently ignored. Whitespace, Windows line
/// endings and literal `\n` escapes are tolerated.
public struct CertificateValue: Sendable, Hashable {
    /// How the value was armoured.
    public enum Encoding: String, Sendable, Hashable {
        /// One or more `-----BEGIN CERTIFICATE-----` blocks.
        case pem
        /// Base64 of the DER bytes with no PEM armour.
        case base64DER = "base64-der"
    }

    /// How the value was armoured.
    public let encoding: Encoding
    /// Every certificate, in the order given; never empty.
    public let certificates: [CertificateSummary]
    /// The DER bytes of each certificate, parallel to ``certificates``.
    public let derEncodedCertificates: [[UInt8]]

    /// The first certificate: the one DPS uses.
    public var first: CertificateSummary { certificates[0] }

    /// Whether the value holds more than one certificate (a chain).
    public var isChain: Bool { certificates.count > 1 }

    /// Reads `text`.
    /// - Throws: ``CertificateInputError`` saying what the text is instead, when it is not a certificate.
    public init(parsing text: String) throws(CertificateInputError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw CertificateInputError(code: .empty, message: "the certificate value is empty")
        }
        let ders: [[UInt8]]
        if PEMScanner.containsPEM(trimmed) {
            ders = try Self.decodePEM(trimmed)
            encoding = .pem
        } else {
            ders = [try Self.decodeBareBase64(trimmed)]
            encoding = .base64DER
        }
        var summaries: [CertificateSummary] = []
        for (offset, der) in ders.enumerated() {
            do {
                summaries.append(try CertificateSummary(derEncoded: der))
            } catch {
                let place = encoding == .pem ? "PEM block \(offset + 1): " : "the base64 value decodes, but "
                throw CertificateInputError(
                    code: error.code,
                    message: place + error.message,
                    blockIndex: encoding == .pem ? offset + 1 : nil
                )
            }
        }
        certificates = summaries
        derEncodedCertificates = ders
    }

    /// The certificate at `index` as a PEM block with 64-character lines and a final newline.
    public func pemEncoded(at index: Int = 0) -> String {
        let base64 = Data(derEncodedCertificates[index]).base64EncodedString(options: [.lineLength64Characters])
            .replacingOccurrences(of: "\r\n", with: "\n")
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }

    private static func decodePEM(_ text: String) throws(CertificateInputError) -> [[UInt8]] {
        let blocks = try PEMScanner.blocks(in: text)
        if let other = blocks.first(where: { !$0.isCertificate }) {
            let position = blocks.count > 1 ? "PEM block \(other.index) of \(blocks.count): " : ""
            throw CertificateInputError(
                code: .notACertificate,
                message: position + other.whatItIs,
                blockIndex: other.index
            )
        }
        var ders: [[UInt8]] = []
        for block in blocks {
            do {
                ders.append(try PEMBase64.decode(block.body))
            } catch {
                throw CertificateInputError(
                    code: .badBase64,
                    message: "the base64 inside CERTIFICATE block \(block.index) is broken: \(error.reason)",
                    blockIndex: block.index
                )
            }
        }
        return ders
    }

    private static func decodeBareBase64(_ text: String) throws(CertificateInputError) -> [UInt8] {
        if text.contains("-----END") {
            throw CertificateInputError(
                code: .truncatedPEM,
                message: "the value has an '-----END' line but no '-----BEGIN CERTIFICATE-----' line: "
                    + "was its start cut off?"
            )
        }
        if let kind = Self.thumbprintKind(text) {
            throw CertificateInputError(
                code: .notACertificate,
                message: "this looks like a \(kind) thumbprint, not a certificate: give the certificate itself "
                    + "(PEM, or base64 DER)"
            )
        }
        do {
            return try PEMBase64.decode(text[...])
        } catch {
            guard error.kind != .invalidCharacter else {
                let lower = text.lowercased()
                let pathHint =
                    [".pem", ".crt", ".cer", ".der"].contains(where: lower.hasSuffix)
                    ? " It looks like a file path: a path is resolved by the manifest reader, relative to the manifest."
                    : ""
                throw CertificateInputError(
                    code: .notPEM,
                    message: "the value is neither PEM (no '-----BEGIN CERTIFICATE-----' line) nor base64 DER "
                        + "(\(error.reason)).\(pathHint)"
                )
            }
            throw CertificateInputError(
                code: .badBase64,
                message: "the value has no PEM armour and is not valid base64 DER: \(error.reason)"
            )
        }
    }

    /// "SHA-1" or "SHA-256" when `text` is 40 or 64 hex digits (colons allowed), the shapes of a thumbprint.
    private static func thumbprintKind(_ text: String) -> String? {
        let digits = text.filter { $0 != ":" }
        guard digits.allSatisfy(\.isHexDigit) else {
            return nil
        }
        switch digits.count {
        case 40: return "SHA-1"
        case 64: return "SHA-256"
        default: return nil
        }
    }
}
