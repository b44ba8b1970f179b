import AsyncHTTPClient
import DPSClient
import DPSEmulator
import Foundation
import NIOSSL
import Synchronization

/// An in-process emulator with `--entra` over HTTPS (a throwaway certificate), and credentials for it.
enum EntraHarness {
    static let writerSecret = "writer-secret-value-0123"
    static let readerSecret = "reader-secret-value-3210"

    /// A self-signed certificate and key for 127.0.0.1, made with openssl.
    static func certificate(in directory: URL) throws -> (certificate: String, key: String) {
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

    /// Runs an Entra emulator over HTTPS for `body`; `configure` adjusts the Entra settings.
    static func withEmulator<T: Sendable>(
        in directory: URL,
        configure: (inout EntraConfiguration) -> Void = { _ in },
        _ body: @Sendable (EmulatorEndpoint, String) async throws -> T
    ) async throws -> T {
        let (certificate, key) = try certificate(in: directory)
        var entra = EntraConfiguration(
            clients: [
                EntraClient(clientID: "writer-app", clientSecret: writerSecret, roles: [.contributor]),
                EntraClient(clientID: "reader-app", clientSecret: readerSecret, roles: [.reader]),
                EntraClient(
                    clientID: "expired-app",
                    clientSecret: writerSecret,
                    roles: [.contributor],
                    secretExpires: Date(timeIntervalSinceNow: -60)
                ),
            ]
        )
        configure(&entra)
        var configuration = EmulatorConfiguration()
        configuration.tls = .init(certificateChain: certificate, privateKey: key)
        configuration.entra = entra
        configuration.logger.logLevel = .critical
        return try await EmulatorServer.withRunning(configuration) { endpoint, _ in
            try await body(endpoint, certificate)
        }
    }

    /// The contributor's credential.
    static func writer(_ endpoint: EmulatorEndpoint) -> ClientSecretCredential {
        credential(endpoint, client: "writer-app", secret: writerSecret)
    }

    /// A client-secret credential for the emulator's tenant.
    static func credential(_ endpoint: EmulatorEndpoint, client: String, secret: String) -> ClientSecretCredential {
        ClientSecretCredential(
            authorityHost: endpoint.baseURL,
            tenantID: endpoint.entraTenantID ?? "",
            clientID: client,
            clientSecret: secret
        )
    }
}

/// A credential that counts the tokens it hands out.
final class CountingCredential: TokenCredential {
    let name = "counting"
    let inner: any TokenCredential
    let count = Mutex(0)

    init(_ inner: any TokenCredential) { self.inner = inner }

    func token(scope: String, http: HTTPClient) async throws(CredentialError) -> AccessToken {
        count.withLock { $0 += 1 }
        return try await inner.token(scope: scope, http: http)
    }
}

/// A credential whose first token the service refuses (as a revoked one would be), then real ones.
final class RevokedFirstCredential: TokenCredential {
    let name = "revoked-first"
    let inner: any TokenCredential
    let calls = Mutex(0)

    init(_ inner: any TokenCredential) { self.inner = inner }

    func token(scope: String, http: HTTPClient) async throws(CredentialError) -> AccessToken {
        let call = calls.withLock {
            $0 += 1
            return $0
        }
        let token = try await inner.token(scope: scope, http: http)
        guard call == 1 else { return token }
        return AccessToken(token: token.token + "x", expiresOn: token.expiresOn, obtainedOn: token.obtainedOn)
    }
}

/// A configuration change passed beside a trailing closure: swift-format allows one closure literal per call.
func changing<Value>(_ change: @escaping (inout Value) -> Void) -> (inout Value) -> Void { change }
