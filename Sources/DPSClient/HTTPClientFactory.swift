import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Makes the `HTTPClient` dpsbulk uses: keep-alive pool sized to the concurrency, optional private CA.
public enum HTTPClientFactory {
    /// A client allowing `connections` connections per host, trusting the PEM certificates in `caCertificatePath`
    /// in addition to the system's when given (the emulator's self-signed certificate, say).
    ///
    /// - Throws: ``CertificateFileError`` naming the file when it cannot be read as PEM certificates.
    public static func make(connections: Int, caCertificatePath: String? = nil) throws -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connections)
        )
        configuration.timeout = .init(connect: .seconds(10))
        if let caCertificatePath {
            var tls = TLSConfiguration.makeClientConfiguration()
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(caCertificatePath)
            } catch {
                throw CertificateFileError(path: caCertificatePath, reason: "\(error)")
            }
            guard !certificates.isEmpty else {
                throw CertificateFileError(path: caCertificatePath, reason: "it holds no PEM certificate")
            }
            tls.additionalTrustRoots = [.certificates(certificates)]
            configuration.tlsConfiguration = tls
        }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}

/// A `--ca-cert` file that cannot be loaded: missing, unreadable, or not PEM certificates.
public struct CertificateFileError: Error, Sendable, CustomStringConvertible {
    /// The file given.
    public let path: String
    /// What went wrong, from the TLS library.
    public let reason: String

    public var description: String {
        "cannot load the CA certificate file '\(path)' (--ca-cert): \(reason)"
    }
}
