import DPSEmulator
import DPSEngine
import DPSModel
import Foundation
import Testing

@testable import DPSClient

/// Client certificate and workload identity credentials against the emulator: assertions signed with jwt-kit,
/// checked by the emulator against the registered certificate.
@Suite struct EntraAssertionTests {
    /// An RSA certificate and key (openssl), and one PEM file holding both as AZURE_CLIENT_CERTIFICATE_PATH expects.
    static func rsaCertificate(in directory: URL, name: String) throws -> (certificate: String, combined: String) {
        let certificate = directory.appendingPathComponent("\(name).crt").path
        let key = directory.appendingPathComponent("\(name).key").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
            "-days", "2", "-subj", "/CN=\(name)",
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        let combined = directory.appendingPathComponent("\(name).pem").path
        let text =
            try String(contentsOfFile: certificate, encoding: .utf8)
            + String(contentsOfFile: key, encoding: .utf8)
        try text.write(toFile: combined, atomically: true, encoding: .utf8)
        return (try String(contentsOfFile: certificate, encoding: .utf8), combined)
    }

    @Test func aClientCertificateGetsATokenAndAnotherCertificateIsRefused() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let registered = try Self.rsaCertificate(in: directory, name: "registered")
        let other = try Self.rsaCertificate(in: directory, name: "other")
        try await EntraHarness.withEmulator(
            in: directory,
            configure: changing {
                $0.clients.append(
                    EntraClient(clientID: "cert-app", roles: [.contributor], certificate: registered.certificate)
                )
            }
        ) { endpoint, tls in
            try await HTTPClientFactory.withClient(connections: 2, caCertificatePath: tls) { http in
                func client(_ path: String) throws -> DPSServiceClient {
                    let credential = ClientCertificateCredential(
                        authorityHost: endpoint.baseURL,
                        tenantID: endpoint.entraTenantID ?? "",
                        clientID: "cert-app",
                        certificatePath: path
                    )
                    return DPSServiceClient(
                        target: try ServiceTarget(host: endpoint.baseURL.absoluteString, credential: credential),
                        http: http
                    )
                }
                _ = try await client(registered.combined).put(EntraServiceTests.enrollment("cert-1"))
                do {
                    _ = try await client(other.combined).enrollment("cert-1")
                    Issue.record("an assertion signed by another certificate was accepted")
                } catch let error as DPSRequestError {
                    #expect(error.status == 401)
                    #expect(error.description.contains("AADSTS700027"), "\(error)")
                }
            }
        }
    }

    @Test func theAssertionNamesTheCertificateByItsThumbprint() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let registered = try Self.rsaCertificate(in: directory, name: "x5t")
        let credential = ClientCertificateCredential(
            authorityHost: URL(string: "https://127.0.0.1:1")!,
            tenantID: "t",
            clientID: "app",
            certificatePath: registered.combined
        )
        let audience = "https://127.0.0.1:1/t/oauth2/v2.0/token"
        let assertion = try await credential.makeAssertion(audience: audience, now: Date())
        var header = String(assertion.split(separator: ".")[0])
        header = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while header.count % 4 != 0 { header += "=" }
        let fields = try JSONSerialization.jsonObject(with: Data(base64Encoded: header)!) as! [String: Any]
        #expect(fields["alg"] as? String == "RS256")
        let der = PEMBlock.der(of: "CERTIFICATE", in: registered.certificate)!
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let derPath = directory.appendingPathComponent("x5t.der").path
        try der.write(to: URL(fileURLWithPath: derPath))
        openssl.arguments = ["openssl", "dgst", "-sha1", "-binary", derPath]
        let pipe = Pipe()
        openssl.standardOutput = pipe
        try openssl.run()
        openssl.waitUntilExit()
        let sha1 = pipe.fileHandleForReading.readDataToEndOfFile()
        #expect(fields["x5t"] as? String == sha1.base64URLEncoded)
    }

    @Test func aWorkloadIdentityExchangesItsFederatedToken() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let issuer = try Self.rsaCertificate(in: directory, name: "federation")
        try await EntraHarness.withEmulator(
            in: directory,
            configure: changing {
                $0.clients.append(EntraClient(clientID: "pod-app", roles: [.reader], certificate: issuer.certificate))
            }
        ) { endpoint, tls in
            // The kubelet's projected token, made here with the issuer's key.
            let federated = try await ClientCertificateCredential(
                authorityHost: endpoint.baseURL,
                tenantID: "t",
                clientID: "pod-app",
                certificatePath: issuer.combined
            ).makeAssertion(audience: "api://AzureADTokenExchange", now: Date())
            let tokenFile = directory.appendingPathComponent("federated-token").path
            try federated.write(toFile: tokenFile, atomically: true, encoding: .utf8)
            let environment = [
                "AZURE_TENANT_ID": endpoint.entraTenantID ?? "", "AZURE_CLIENT_ID": "pod-app",
                "AZURE_FEDERATED_TOKEN_FILE": tokenFile, "AZURE_AUTHORITY_HOST": endpoint.baseURL.absoluteString,
            ]
            let credential = try CredentialChain.credential(environment: environment)
            #expect(credential.name == "workload-identity")
            try await HTTPClientFactory.withClient(connections: 2, caCertificatePath: tls) { http in
                let client = DPSServiceClient(
                    target: try ServiceTarget(host: endpoint.baseURL.absoluteString, credential: credential),
                    http: http
                )
                _ = try await client.queryEnrollments(pageSize: 5, continuation: nil)
            }
        }
    }
}
