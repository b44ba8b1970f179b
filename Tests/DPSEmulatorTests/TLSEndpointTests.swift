import AsyncHTTPClient
import DPSEmulator
import DPSModel
import Foundation
import NIOSSL
import Testing

/// HTTPS with a private certificate, trusted explicitly by the client (as `--ca-cert` will do for dpsbulk).
@Suite struct TLSEndpointTests {
    static func makeCertificate() throws -> (certificate: String, key: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return (certificate, key)
    }

    @Test func httpsWithAPrivateCertificate() async throws {
        let (certificate, key) = try Self.makeCertificate()
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate))
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = tls
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let status = try await withEmulator(
            changing { $0.tls = .init(certificateChain: certificate, privateKey: key) },
            tlsClient: http
        ) {
            client,
            _ in
            #expect(client.endpoint.connectionString.hasPrefix("HostName=https://127.0.0.1:"))
            return try await client.send(.PUT, "/enrollments/tls-1", json: Samples.symmetric("tls-1")).status
        }
        #expect(status == 200)
        try await http.shutdown()

        // A client that does not trust the certificate cannot talk to it.
        let untrusting = HTTPClient(eventLoopGroupProvider: .singleton)
        await #expect(throws: (any Error).self) {
            try await withEmulator(
                changing { $0.tls = .init(certificateChain: certificate, privateKey: key) },
                tlsClient: untrusting
            ) {
                client,
                _ in
                _ = try await client.send(.GET, "/enrollments/x")
            }
        }
        try await untrusting.shutdown()
    }
}
