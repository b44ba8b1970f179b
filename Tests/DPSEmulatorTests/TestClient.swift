import AsyncHTTPClient
import DPSEmulator
import DPSModel
import Foundation
import NIOCore
import NIOHTTP1

/// A minimal signed client for the emulator's REST API, used to check status codes, headers and bodies exactly.
struct TestClient {
    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: Data

        func json() throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: body) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: body) }
        var errorCode: String? { headers.first(name: "x-ms-error-code") }
    }

    let endpoint: EmulatorEndpoint
    let http: HTTPClient
    var apiVersion: String? = "2021-10-01"
    var key: String
    var keyName: String
    var expiry = Date().addingTimeInterval(3600)

    init(endpoint: EmulatorEndpoint, http: HTTPClient) {
        self.endpoint = endpoint
        self.http = http
        self.key = endpoint.policy.key
        self.keyName = endpoint.policy.name
    }

    func authorization() throws -> String {
        try SharedAccessSignature.make(resource: endpoint.host, keyName: keyName, key: key, expiry: expiry).headerValue
    }

    /// Sends a request; `path` is appended to the base URL as is (already percent-encoded).
    func send(
        _ method: HTTPMethod,
        _ path: String,
        json body: (some Encodable)? = String?.none,
        headers: [(String, String)] = [],
        rawBody: Data? = nil,
        authorization: String?? = .none
    ) async throws -> Reply {
        var url = endpoint.baseURL.absoluteString + path
        if let apiVersion { url += (path.contains("?") ? "&" : "?") + "api-version=\(apiVersion)" }
        var request = HTTPClientRequest(url: url)
        request.method = method
        switch authorization {
        case .none: request.headers.add(name: "Authorization", value: try self.authorization())
        case .some(.some(let value)): request.headers.add(name: "Authorization", value: value)
        case .some(.none): break
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let rawBody {
            request.body = .bytes(ByteBuffer(bytes: rawBody))
            if !request.headers.contains(name: "Content-Type") {
                request.headers.add(name: "Content-Type", value: "application/json")
            }
        } else if let body {
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        var buffer = try await response.body.collect(upTo: 16 << 20)
        return Reply(
            status: Int(response.status.code),
            headers: response.headers,
            body: Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        )
    }
}

/// Runs `body` with a fresh in-memory emulator on a free loopback port and a client for it.
func withEmulator<T: Sendable>(
    _ configure: (inout EmulatorConfiguration) -> Void = { _ in },
    tlsClient: HTTPClient? = nil,
    _ body: @Sendable (TestClient, Registry) async throws -> T
) async throws -> T {
    var configuration = EmulatorConfiguration()
    configure(&configuration)
    let http = tlsClient ?? HTTPClient(eventLoopGroupProvider: .singleton)
    let ownsClient = tlsClient == nil
    do {
        let result = try await EmulatorServer.withRunning(configuration) { endpoint, registry in
            try await body(TestClient(endpoint: endpoint, http: http), registry)
        }
        if ownsClient { try await http.shutdown() }
        return result
    } catch {
        if ownsClient { try? await http.shutdown() }
        throw error
    }
}

enum Samples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples")

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
    }

    static func tpm(_ id: String, ek: String) -> IndividualEnrollment {
        IndividualEnrollment(
            registrationId: id,
            attestation: AttestationMechanism(type: .tpm, tpm: TpmAttestation(endorsementKey: ek))
        )
    }

    static func symmetric(_ id: String, primary: String? = nil) -> IndividualEnrollment {
        IndividualEnrollment(
            registrationId: id,
            attestation: AttestationMechanism(
                type: .symmetricKey,
                symmetricKey: SymmetricKeyAttestation(primaryKey: primary)
            )
        )
    }

    static func symmetricGroup(_ id: String) -> EnrollmentGroup {
        EnrollmentGroup(
            enrollmentGroupId: id,
            attestation: AttestationMechanism(type: .symmetricKey, symmetricKey: SymmetricKeyAttestation())
        )
    }
}

/// ``withEmulator(_:tlsClient:_:)`` for bodies that return nothing (gives their closures a throwing context).
func withEmulator(
    _ configure: (inout EmulatorConfiguration) -> Void = { _ in },
    tlsClient: HTTPClient? = nil,
    _ body: @escaping @Sendable (TestClient, Registry) async throws -> Void
) async throws {
    let run: @Sendable (TestClient, Registry) async throws -> Bool = { client, registry in
        try await body(client, registry)
        return true
    }
    _ = try await withEmulator(configure, tlsClient: tlsClient, run)
}

/// A configuration change passed beside a trailing closure: swift-format allows one closure literal per call.
func changing<Value>(_ change: @escaping (inout Value) -> Void) -> (inout Value) -> Void { change }
