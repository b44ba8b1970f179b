import Foundation

/// A `dpsbulk emulator --entra` child process over HTTPS with its clients in a file, stopped when the test is done.
final class EntraEmulatorProcess: @unchecked Sendable {
    let process = Process()
    /// `https://127.0.0.1:PORT`: the host for `--host` and the authority for `AZURE_AUTHORITY_HOST`.
    let baseURL: String
    let tenantID: String
    let certificate: String

    /// `clients` as `(id, secret, role)`.
    init(clients: [(String, String, String)], in directory: URL) throws {
        certificate = directory.appendingPathComponent("cert-\(UUID().uuidString).pem").path
        let key = directory.appendingPathComponent("key-\(UUID().uuidString).pem").path
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
        let file = directory.appendingPathComponent("clients-\(UUID().uuidString).json")
        let json = clients.map { #"{"clientId":"\#($0.0)","clientSecret":"\#($0.1)","roles":["\#($0.2)"]}"# }
        try Data("[\(json.joined(separator: ","))]".utf8).write(to: file)
        process.executableURL = CLIRunner.binary
        process.arguments = [
            "emulator", "--port", "0", "--log-level", "error", "--tls-cert", certificate, "--tls-key", key,
            "--entra", "--entra-clients", file.path,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        let deadline = Date().addingTimeInterval(20)
        while buffer.filter({ $0 == 0x0A }).count < 2 && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += chunk
        }
        let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count >= 2, lines[1].hasPrefix("AuthorityHost=") else {
            process.terminate()
            throw CocoaError(.executableLoad)
        }
        var fields: [String: String] = [:]
        for part in lines[1].split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { fields[pair[0]] = pair[1] }
        }
        baseURL = fields["AuthorityHost"] ?? ""
        tenantID = fields["TenantId"] ?? ""
    }

    /// The environment of a client-secret credential for this emulator.
    func environment(client: String, secret: String, prefix: String = "") -> [String: String] {
        [
            "\(prefix)AZURE_TENANT_ID": tenantID, "\(prefix)AZURE_CLIENT_ID": client,
            "\(prefix)AZURE_CLIENT_SECRET": secret, "\(prefix)AZURE_AUTHORITY_HOST": baseURL,
        ]
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}
