import Foundation

/// How the emulator plays Microsoft Entra ID: the tenant, the clients it knows and how long its tokens live.
public struct EntraConfiguration: Sendable {
    /// The tenant ID in the token endpoint's path and in tokens (`tid`).
    public var tenantID: String
    /// The audience the service API accepts (`aud`), the resource of the DPS scope.
    public var audience = EntraConfiguration.provisioningAudience
    /// The clients that may get tokens (client credentials grant).
    public var clients: [EntraClient]
    /// How long an issued token is valid, in seconds.
    public var tokenLifetime: TimeInterval = 3600
    /// How far `exp` and `nbf` may be off before a token is refused, in seconds.
    public var clockSkew: TimeInterval = 30
    /// A managed identity served at the instance metadata path (`/metadata/identity/oauth2/token`, header
    /// `Metadata: true`) and the App Service path (`/msi/token`, header `X-IDENTITY-HEADER`); nil serves neither.
    public var managedIdentity: ManagedIdentity?

    /// The emulator's managed identity: its client ID, roles and the App Service `IDENTITY_HEADER` value.
    public struct ManagedIdentity: Sendable {
        public var clientID: String
        public var roles: [EntraRole]
        public var identityHeader: String

        public init(clientID: String = "managed-identity", roles: [EntraRole], identityHeader: String) {
            self.clientID = clientID
            self.roles = roles
            self.identityHeader = identityHeader
        }
    }

    /// The resource Microsoft documents for DPS tokens.
    public static let provisioningAudience = "https://azure-devices-provisioning.net"

    public init(tenantID: String = "00000000-0000-0000-0000-00000000d95b", clients: [EntraClient]) {
        self.tenantID = tenantID
        self.clients = clients
    }
}

/// A client (service principal) the emulator issues tokens to.
public struct EntraClient: Sendable, Codable {
    /// The application (client) ID.
    public var clientID: String
    /// The client secret. Never logged.
    public var clientSecret: String
    /// The data-plane roles granted to it.
    public var roles: [EntraRole]
    /// When the secret stops working; nil never.
    public var secretExpires: Date?
    /// A PEM certificate (RSA) whose key signs the client's assertions: a client certificate credential, or a
    /// stand-in for a workload identity's federated token issuer.
    public var certificate: String?

    public init(
        clientID: String,
        clientSecret: String = "",
        roles: [EntraRole],
        secretExpires: Date? = nil,
        certificate: String? = nil
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.roles = roles
        self.secretExpires = secretExpires
        self.certificate = certificate
    }

    enum CodingKeys: String, CodingKey {
        case clientID = "clientId"
        case clientSecret, roles, secretExpires, certificate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clientID = try container.decode(String.self, forKey: .clientID)
        clientSecret = try container.decodeIfPresent(String.self, forKey: .clientSecret) ?? ""
        roles = try container.decode([EntraRole].self, forKey: .roles)
        secretExpires = try container.decodeIfPresent(Date.self, forKey: .secretExpires)
        certificate = try container.decodeIfPresent(String.self, forKey: .certificate)
    }
}

/// The built-in DPS data-plane roles.
public enum EntraRole: String, Sendable, Codable, CaseIterable {
    /// Device Provisioning Service Data Contributor: reads, writes and attestation mechanisms.
    case contributor
    /// Device Provisioning Service Data Reader: reads only.
    case reader

    /// The role's name in Azure, as carried in the token's `roles` claim.
    public var roleName: String {
        switch self {
        case .contributor: "Device Provisioning Service Data Contributor"
        case .reader: "Device Provisioning Service Data Reader"
        }
    }

    /// The role with this Azure name.
    init?(roleName: String) {
        guard let role = Self.allCases.first(where: { $0.roleName == roleName }) else { return nil }
        self = role
    }
}

extension EntraClient {
    /// Reads clients from a JSON file: `[{"clientId": "...", "clientSecret": "...", "roles": ["reader"]}]`.
    public static func load(fromFile path: String) throws -> [EntraClient] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EntraClientFileError(message: "cannot read the Entra clients file '\(path)'")
        }
        guard data.count <= 1 << 20 else {
            throw EntraClientFileError(message: "the Entra clients file '\(path)' is larger than 1 MiB")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode([EntraClient].self, from: data)
        } catch {
            throw EntraClientFileError(
                message: "the Entra clients file '\(path)' is not a JSON array of "
                    + "{clientId, clientSecret or certificate, roles: [contributor|reader], secretExpires?}"
            )
        }
    }
}

/// An Entra clients file that cannot be used; the message never holds a secret.
public struct EntraClientFileError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
