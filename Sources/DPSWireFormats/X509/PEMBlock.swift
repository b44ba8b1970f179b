/// One `-----BEGIN LABEL-----` … `-----END LABEL-----` block found in a text, body not yet decoded.
struct PEMBlock: Sendable, Hashable {
    /// The label, e.g. `CERTIFICATE` or `PRIVATE KEY`.
    var label: String
    /// The text between the BEGIN and END markers (base64, whitespace, perhaps RFC 1421 headers).
    var body: Substring
    /// The block's 1-based position in the text.
    var index: Int

    /// Whether the label names an X.509 certificate (RFC 7468 §5: `CERTIFICATE` only).
    var isCertificate: Bool { label == "CERTIFICATE" }

    /// What the block is, for messages about a block that is not a certificate.
    var whatItIs: String {
        switch label {
        case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
            "OPENSSH PRIVATE KEY":
            "this is a private key, not a certificate: give the device's certificate, and keep private keys out of "
                + "manifests"
        case "PUBLIC KEY", "RSA PUBLIC KEY":
            "this is a public key, not a certificate: give the certificate that contains it"
        case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
            "this is a certificate signing request (CSR), not a certificate: have your CA sign it and give the result"
        case "TRUSTED CERTIFICATE":
            "this is OpenSSL's TRUSTED CERTIFICATE format: convert it with `openssl x509 -in FILE -out cert.pem`"
        case "X509 CRL":
            "this is a certificate revocation list, not a certificate"
        case "PKCS7", "CMS":
            "this is a PKCS#7 bundle: extract the certificates with `openssl pkcs7 -print_certs -in FILE`"
        case "X509 CERTIFICATE", "X.509 CERTIFICATE":
            "the label '\(label)' is a legacy spelling: relabel the block '-----BEGIN CERTIFICATE-----'"
        default:
            "this is a '\(label)' PEM block, not a certificate"
        }
    }
}
