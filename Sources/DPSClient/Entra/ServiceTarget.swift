import DPSModel
import Foundation

/// A DPS instance and how to authenticate to it: a SAS connection string, or a host with Microsoft Entra ID.
public struct ServiceTarget: Sendable, CustomStringConvertible {
    /// How requests are authorised.
    public enum Authentication: Sendable {
        /// Shared access signatures from a connection string's key.
        case sharedAccess(ConnectionString)
        /// Bearer tokens from a credential.
        case entra(any TokenCredential)
    }

    /// The host name, without scheme or port.
    public let host: String
    /// The TCP port when one was given.
    public let port: Int?
    /// Whether requests use TLS.
    public let usesTLS: Bool
    /// How requests are authorised.
    public let authentication: Authentication

    /// A target from a connection string (SAS).
    public init(_ connectionString: ConnectionString) {
        host = connectionString.host
        port = connectionString.port
        usesTLS = connectionString.usesTLS
        authentication = .sharedAccess(connectionString)
    }

    /// A target from a host name (`NAME.azure-devices-provisioning.net`, or `https://127.0.0.1:8443` for an
    /// emulator) and an Entra credential.
    public init(host text: String, credential: any TokenCredential) throws(ConnectionStringError) {
        // The connection string parser owns the host syntax; a placeholder key makes it parse the host alone.
        let parsed = try ConnectionString(parsing: "HostName=\(text);SharedAccessKeyName=-;SharedAccessKey=AA==")
        host = parsed.host
        port = parsed.port
        usesTLS = parsed.usesTLS
        authentication = .entra(credential)
    }

    /// The base URL of the service.
    public var baseURL: URL { ConnectionString.baseURL(host: host, port: port, usesTLS: usesTLS) }

    /// The host with a port when one was given, e.g. for journal names.
    public var hostAndPort: String { port.map { "\(host):\($0)" } ?? host }

    public var description: String {
        switch authentication {
        case .sharedAccess(let connection): connection.description
        case .entra(let credential): "\(baseURL.absoluteString) (Microsoft Entra ID, \(credential.name) credential)"
        }
    }
}
