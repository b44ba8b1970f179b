import AsyncHTTPClient
import DPSEmulator
import DPSModel
import Foundation
import NIOSSL
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What a hostile or broken client can send the emulator: every case answered, none crashes or starves it.
@Suite struct HostileClientTests {
    /// Tokens that once crashed the emulator (se=nan…) or were wrongly accepted (se=inf, no skn, a repeated field).
    @Test(arguments: [
        "sr=x&sig=x&se=nan", "sr=x&sig=x&se=-inf", "sr=x&sig=x&se=-1e300", "sr=x&sig=x&se=-1e12",
        "sr=x&sig=x&se=-9.3e11", "sr=x&sig=x&se=inf", "sr=x&sig=x&se=1e30", "sr=x&sig=x&se=99999999999999999999",
        "sr=x&sig=x&se=&skn=provisioningserviceowner", "sr=x&sig=x&se=0x10&skn=provisioningserviceowner",
    ])
    func badExpiryIsRefusedAndTheServerLives(fields: String) async throws {
        try await withEmulator { client, _ in
            let reply = try await client.send(.GET, "/enrollments/x", authorization: "SharedAccessSignature \(fields)")
            #expect(reply.status == 401)
            // Still serving.
            #expect(try await client.send(.GET, "/enrollments/x").status == 404)
        }
    }

    @Test func aTokenWithoutSknOrWithARepeatedFieldIsRefused() async throws {
        try await withEmulator { client, _ in
            let good = try client.authorization()
            let withoutSkn = good.replacingOccurrences(of: "&skn=\(client.keyName)", with: "")
            #expect(withoutSkn != good)
            let reply = try await client.send(.GET, "/enrollments/x", authorization: withoutSkn)
            #expect(reply.status == 401)
            #expect(String(decoding: reply.body, as: UTF8.self).contains("skn"))
            let repeated = good + "&se=1"
            let second = try await client.send(.GET, "/enrollments/x", authorization: repeated)
            #expect(second.status == 401)
            #expect(String(decoding: second.body, as: UTF8.self).contains("repeats se"))
            #expect(try await client.send(.GET, "/enrollments/x", authorization: good).status == 404)
        }
    }

    @Test func aTokenLivingMoreThanAYearIsRefused() async throws {
        try await withEmulator { client, _ in
            var longLived = client
            longLived.expiry = Date().addingTimeInterval(400 * 86_400)
            let reply = try await longLived.send(.GET, "/enrollments/x")
            #expect(reply.status == 401)
        }
    }

    @Test(arguments: ["", "AQ==", "AAAAAAAAAAAAAAAAAAAA"])
    func shortKeysAreRefused(key: String) {
        let problem = SharedAccessPolicy.problem(withKey: key)
        #expect(problem?.contains("16 bytes") == true)
    }

    @Test func aKeyOf16BytesIsAccepted() {
        #expect(SharedAccessPolicy.problem(withKey: Data(count: 16).base64EncodedString()) == nil)
        #expect(SharedAccessPolicy.problem(withKey: "not base64!")?.contains("base64") == true)
    }

    /// A connection that never finishes its request head is closed after the idle timeout.
    @Test func aHalfSentRequestIsClosedAfterTheIdleTimeout() async throws {
        try await withEmulator(changing { $0.connections.idleTimeout = 1 }) { client, _ in
            let socket = try LoopbackSocket(port: client.endpoint.port)
            try socket.send("GET /enrollments/x?api-version=2021-10-01 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            let started = Date()
            let closed = socket.waitForClose(timeout: 10)
            #expect(closed, "the server kept a half-sent request open")
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(try await client.send(.GET, "/enrollments/x").status == 404)
        }
    }

    /// Past the connection limit, requests get a clear 503 instead of waiting; under it again, they are served.
    @Test func connectionsBeyondTheLimitAreRefusedWith503() async throws {
        try await withEmulator(changing { $0.connections.maximumConnections = 3 }) { client, _ in
            let idle = try (0..<4).map { _ in try LoopbackSocket(port: client.endpoint.port) }
            try await Task.sleep(for: .milliseconds(200))
            let refused = try await client.send(.GET, "/enrollments/x")
            #expect(refused.status == 503)
            #expect(refused.headers.first(name: "Retry-After") == "1")
            #expect(String(decoding: refused.body, as: UTF8.self).contains("connections open"))
            for socket in idle { socket.close() }
            try await Task.sleep(for: .milliseconds(300))
            var status = 0
            for _ in 0..<20 where status != 404 {
                status = try await client.send(.GET, "/enrollments/x").status
                if status != 404 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(status == 404)
        }
    }

    @Test func tls11IsRefused() async throws {
        let (certificate, key) = try TLSEndpointTests.makeCertificate()
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate))
        tls.minimumTLSVersion = .tlsv1
        tls.maximumTLSVersion = .tlsv11
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = tls
        let old = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        await #expect(throws: (any Error).self) {
            try await withEmulator(
                changing { $0.tls = .init(certificateChain: certificate, privateKey: key) },
                tlsClient: old
            ) {
                client,
                _ in
                _ = try await client.send(.GET, "/enrollments/x")
            }
        }
        try await old.shutdown()
    }

    @Test func theRegistryFilesAreOwnerOnly() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reg-\(UUID().uuidString)")
        try await withEmulator(changing { $0.dataDirectory = directory }) { client, _ in
            #expect(try await client.send(.PUT, "/enrollments/p-1", json: Samples.symmetric("p-1")).status == 200)
            for name in ["registry.sqlite", "registry.sqlite-wal", "registry.sqlite-shm"] {
                let path = directory.appendingPathComponent(name).path
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name) has mode \(String(mode ?? 0, radix: 8))")
            }
        }
    }
}

/// A raw TCP connection to the loopback, for requests no HTTP client would send.
final class LoopbackSocket: @unchecked Sendable {
    private let descriptor: Int32
    private var isOpen = true

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw POSIXError(.EPIPE) }
    }

    /// Whether the peer closed the connection (a read returned 0 or failed) within `timeout` seconds.
    func waitForClose(timeout: Double) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard poll(&poller, 1, 100) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { return true }
        }
        return false
    }

    func close() {
        if isOpen { Glibc.close(descriptor) }
        isOpen = false
    }

    deinit { close() }
}
