import DPSEngine
import Testing

struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464), ("localhost:0", "localhost", 0), ("[::1]:9464", "::1", 9464),
        ("127.1.2.3:80", "127.1.2.3", 80),
    ])
    func aLoopbackAddressIsAccepted(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host && address.port == port)
        #expect(address.description == text)
    }

    @Test(arguments: ["0.0.0.0:9464", "10.0.0.5:9464", "[::]:9464", "metrics.example:9464", "128.0.0.1:1"])
    func anAddressBeyondThisMachineNeedsToBeAllowed(text: String) throws {
        #expect(throws: OptionValueError(.listenAddress, "")) { try ListenAddress(parsing: text) }
        #expect(try ListenAddress(parsing: text, allowingRemote: true).isLoopback == false)
    }

    @Test(arguments: [
        "", "9464", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", ":9464", "::1:9464",
        "[::1]9464", "127.0.0.1:x",
    ])
    func aMalformedAddressIsRefusedWithTheFormat(text: String) {
        #expect(throws: OptionValueError(.listenAddress, "")) {
            try ListenAddress(parsing: text, allowingRemote: true)
        }
    }
}
