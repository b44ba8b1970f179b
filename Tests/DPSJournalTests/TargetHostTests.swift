import DPSJournal
import Testing

struct TargetHostTests {
    @Test(arguments: [
        ("my-dps.azure-devices-provisioning.net", "my-dps.azure-devices-provisioning.net"),
        ("My-DPS.Azure-Devices-Provisioning.net", "my-dps.azure-devices-provisioning.net"),
        ("localhost:8443", "localhost:8443"),
        ("127.0.0.1:8443", "127.0.0.1:8443"),
        ("[::1]:8443", "[::1]:8443"),
    ])
    func acceptsPlainHosts(input: String, stored: String) throws {
        #expect(try TargetHost(input).value == stored)
    }

    @Test(arguments: [
        "HostName=my-dps.azure-devices-provisioning.net;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=abc=",
        "my-dps.azure-devices-provisioning.net;SharedAccessKey=abc",
        "SharedAccessKey",
        "sharedaccesskeyname",
        "SharedAccessSignature sr=my-dps&sig=abc",
        "my-dps.net;",
    ])
    func refusesCredentials(input: String) {
        #expect(throws: JournalError.invalidTargetHost) { try TargetHost(input) }
    }

    @Test(arguments: ["", "https://my-dps.net/", "my dps", "host=x", "a/b", String(repeating: "a", count: 300)])
    func refusesMalformedHosts(input: String) {
        #expect(throws: JournalError.invalidTargetHost) { try TargetHost(input) }
    }

    @Test func messageNeverRepeatsTheSecret() {
        do {
            _ = try TargetHost("HostName=x;SharedAccessKey=c2VjcmV0")
            Issue.record("accepted a connection string")
        } catch let error as JournalError {
            #expect(!error.message.contains("c2VjcmV0"))
            #expect(!error.description.contains("c2VjcmV0"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
