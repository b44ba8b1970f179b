import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Makes the `HTTPClient` dpsbulk uses: keep-alive pool sized to the concurrency, optional private CA.
public enum HTTPClientFactory {
    /// A client allowing `connections` connections per host, trusting the PEM certificates in `caCertificatePath`
    /// in addition to the system's when given (the emulator's self-signed certificate, say).
    public static func make(connections: Int, caCertificatePath: String? = nil) throws -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connections)
        )
        configuration.timeout = .init(connect: .seconds(10))
        if let caCertificatePath {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caCertificatePath))]
            configuration.tlsConfiguration = tls
        }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
