import Foundation

/// What DPS reports about an X.509 certificate (the `info` of an enrollment's certificate), read from the
/// certificate itself.
///
/// Formats follow DPS: names as RFC 4514 text with `", "` separators, most specific first
/// (`CN=x509-line7-000201, OU=Factory Line 7, O=dpsbulk Test, C=US`); thumbprints as uppercase hex without
/// separators over the certificate's DER bytes; the serial number as uppercase hex of the DER INTEGER's content
/// bytes (a leading `00` is kept when the DER has one, as .NET shows it).
public struct CertificateSummary: Sendable, Hashable {
    /// The subject as RFC 4514 text, most specific RDN first.
    public var subjectName: String
    /// The subject's most specific common name (CN), if it has one. For an individual X.509 enrollment this must
    /// equal the registration ID.
    public var subjectCommonName: String?
    /// The issuer as RFC 4514 text, most specific RDN first.
    public var issuerName: String
    /// SHA-1 over the DER bytes, uppercase hex, no separators (40 characters).
    public var sha1Thumbprint: String
    /// SHA-256 over the DER bytes, uppercase hex, no separators (64 characters).
    public var sha256Thumbprint: String
    /// The start of the validity period.
    public var notBefore: Date
    /// The end of the validity period (inclusive).
    public var notAfter: Date
    /// The serial number, uppercase hex of the DER INTEGER's content bytes.
    public var serialNumber: String
    /// The X.509 version as a person counts it: 3 for v3, 1 for v1.
    public var version: Int
    /// Whether basicConstraints says `CA:TRUE`.
    public var isCertificateAuthority: Bool

    /// Creates a summary from its parts (for tests and for values stored elsewhere).
    public init(
        subjectName: String,
        subjectCommonName: String?,
        issuerName: String,
        sha1Thumbprint: String,
        sha256Thumbprint: String,
        notBefore: Date,
        notAfter: Date,
        serialNumber: String,
        version: Int,
        isCertificateAuthority: Bool
    ) {
        self.subjectName = subjectName
        self.subjectCommonName = subjectCommonName
        self.issuerName = issuerName
        self.sha1Thumbprint = sha1Thumbprint
        self.sha256Thumbprint = sha256Thumbprint
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.serialNumber = serialNumber
        self.version = version
        self.isCertificateAuthority = isCertificateAuthority
    }

    /// Reads a certificate given as PEM or as bare base64 DER, and summarises the first certificate in it.
    ///
    /// Use ``CertificateValue/init(parsing:)`` to see every certificate of a chain and how the value was encoded.
    /// - Throws: ``CertificateInputError`` when the text is not a certificate.
    public init(pemOrBase64 text: String) throws(CertificateInputError) {
        self = try CertificateValue(parsing: text).first
    }
}
