import Crypto
import SwiftASN1
import X509

extension CertificateSummary {
    /// Summarises one DER-encoded certificate.
    /// - Throws: ``CertificateInputError`` with code `unparseable` when the bytes are not an X.509 certificate.
    public init(derEncoded bytes: [UInt8]) throws(CertificateInputError) {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: bytes)
        } catch {
            throw CertificateInputError(
                code: .unparseable,
                message: "the data is not a valid DER X.509 certificate (\(error)); check that it was exported "
                    + "as a certificate (PEM or DER) and not damaged"
            )
        }
        try self.init(certificate: certificate, derEncoded: bytes)
    }

    /// Summarises a parsed certificate whose DER encoding is `bytes`.
    init(certificate: Certificate, derEncoded bytes: [UInt8]) throws(CertificateInputError) {
        let basicConstraints: BasicConstraints?
        do {
            basicConstraints = try certificate.extensions.basicConstraints
        } catch {
            throw CertificateInputError(
                code: .unparseable,
                message: "the certificate's basicConstraints extension is malformed (\(error))"
            )
        }
        let isCA: Bool
        switch basicConstraints {
        case .isCertificateAuthority: isCA = true
        case .notCertificateAuthority, .none: isCA = false
        }
        let version: Int
        switch certificate.version {
        case .v3: version = 3
        case .v1: version = 1
        default: version = 2
        }
        self.init(
            subjectName: certificate.subject.rfc4514String,
            subjectCommonName: certificate.subject.mostSpecificCommonName,
            issuerName: certificate.issuer.rfc4514String,
            sha1Thumbprint: X509Hex.uppercase(Insecure.SHA1.hash(data: bytes)),
            sha256Thumbprint: X509Hex.uppercase(SHA256.hash(data: bytes)),
            notBefore: certificate.notValidBefore,
            notAfter: certificate.notValidAfter,
            serialNumber: X509Hex.uppercase(certificate.serialNumber.bytes),
            version: version,
            isCertificateAuthority: isCA
        )
    }
}
