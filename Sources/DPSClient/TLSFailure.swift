import NIOSSL

/// Tells a TLS handshake that failed on the certificate (untrusted, expired, wrong host) from other transport
/// failures, so that it is reported at once instead of being retried like a dropped connection.
enum TLSFailure {
    /// Whether `error` is a failed TLS handshake or certificate check.
    static func isCertificateFailure(_ error: any Error) -> Bool {
        if let ssl = error as? NIOSSLError {
            switch ssl {
            case .handshakeFailed, .unableToValidateCertificate, .noCertificateToValidate: return true
            default: return false
            }
        }
        if error is NIOSSLExtraError { return true }
        // AsyncHTTPClient may wrap the handshake error; its description still names it.
        let text = String(describing: error)
        return text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("handshakeFailed")
    }
}
