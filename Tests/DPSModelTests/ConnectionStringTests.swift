import Foundation
import Testing

@testable import DPSModel

struct ConnectionStringTests {
    static let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

    @Test func parsesTheStandardForm() throws {
        let parsed = try ConnectionString(
            parsing: "HostName=contoso.azure-devices-provisioning.net;SharedAccessKeyName=provisioningserviceowner;"
                + "SharedAccessKey=\(Self.key)"
        )
        #expect(parsed.host == "contoso.azure-devices-provisioning.net")
        #expect(parsed.keyName == "provisioningserviceowner")
        #expect(parsed.key == Self.key)
        #expect(parsed.usesTLS)
        #expect(parsed.port == nil)
        #expect(parsed.baseURL.absoluteString == "https://contoso.azure-devices-provisioning.net")
    }

    @Test func keysAreCaseInsensitiveAndOrderFree() throws {
        let parsed = try ConnectionString(
            parsing: "sharedaccesskey=\(Self.key); HOSTNAME=h.example;sharedAccessKeyName=owner;"
        )
        #expect(parsed.host == "h.example")
        #expect(parsed.keyName == "owner")
    }

    @Test(
        arguments: [
            ("http://127.0.0.1:8080", "127.0.0.1", 8080, false, "http://127.0.0.1:8080"),
            ("https://localhost:8443/", "localhost", 8443, true, "https://localhost:8443"),
            ("HTTPS://emu.local", "emu.local", nil, true, "https://emu.local"),
        ] as [(String, String, Int?, Bool, String)]
    )
    func localEndpoints(hostName: String, host: String, port: Int?, tls: Bool, base: String) throws {
        let parsed = try ConnectionString(
            parsing: "HostName=\(hostName);SharedAccessKeyName=owner;SharedAccessKey=\(Self.key)"
        )
        #expect(parsed.host == host)
        #expect(parsed.port == port)
        #expect(parsed.usesTLS == tls)
        #expect(parsed.baseURL.absoluteString == base)
        #expect(try ConnectionString(parsing: parsed.secretText) == parsed)
    }

    @Test(arguments: [
        ("SharedAccessKeyName=o;SharedAccessKey=\(key)", ConnectionStringError.Code.missingField),
        ("HostName=h;SharedAccessKey=\(key)", .missingField),
        ("HostName=h;SharedAccessKeyName=o", .missingField),
        ("HostName=h;SharedAccessKeyName=o;SharedAccessKey=not base64!", .badKey),
        ("HostName=h;junk;SharedAccessKeyName=o;SharedAccessKey=\(key)", .malformed),
        ("HostName=h:99999;SharedAccessKeyName=o;SharedAccessKey=\(key)", .malformed),
    ])
    func rejectsBrokenStrings(text: String, code: ConnectionStringError.Code) {
        #expect(throws: ConnectionStringError(code, "")) { try ConnectionString(parsing: text) }
    }

    @Test func neverShowsTheKey() throws {
        let parsed = try ConnectionString(parsing: "HostName=h;SharedAccessKeyName=o;SharedAccessKey=\(Self.key)")
        #expect(!parsed.description.contains(Self.key))
        #expect(!"\(parsed)".contains(Self.key))
        do {
            _ = try ConnectionString(parsing: "HostName=h;SharedAccessKeyName=o;SharedAccessKey=secret!!")
        } catch {
            #expect(!error.message.contains("secret!!"))
        }
    }
}
