import DPSEngine
import Testing

/// Where the shared quota lives: the same folder from any working directory.
struct SharedQuotaDirectoryTests {
    @Test(
        arguments: [
            (["DPSBULK_HOME": "/srv/dps", "XDG_STATE_HOME": "/x", "HOME": "/home/a"], "/srv/dps/quota"),
            (["DPSBULK_HOME": "rel", "HOME": "/home/a"], "rel/quota"),
            (["XDG_STATE_HOME": "/x/state", "HOME": "/home/a"], "/x/state/dpsbulk/quota"),
            (["XDG_STATE_HOME": "relative", "HOME": "/home/a"], "/home/a/.local/state/dpsbulk/quota"),
            (["DPSBULK_HOME": "", "HOME": "/home/a"], "/home/a/.local/state/dpsbulk/quota"),
        ] as [([String: String], String)]
    )
    func standardFolder(environment: [String: String], path: String) {
        #expect(SharedQuotaDirectory.standard(environment: environment)?.path == path)
    }

    @Test func noHomeAtAllIsNoFolder() {
        #expect(SharedQuotaDirectory.standard(environment: [:]) == nil)
        #expect(SharedQuotaDirectory.standard(environment: ["HOME": "relative"]) == nil)
    }

    @Test(
        arguments: [
            ("Contoso.azure-devices-provisioning.net", "contoso.azure-devices-provisioning.net"),
            ("127.0.0.1:8443", "127.0.0.1_8443"),
            ("[::1]:443", "___1__443"),
        ]
    )
    func oneFilePerHostAndPort(instance: String, name: String) {
        #expect(SharedQuotaDirectory.fileName(forInstance: instance) == name)
    }

    @Test(arguments: ["", ".", "..", "../etc"])
    func namesNoHostHasAreRefused(instance: String) {
        #expect(SharedQuotaDirectory.fileName(forInstance: instance) == nil)
    }
}
