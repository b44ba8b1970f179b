@testable import DPSValidation
@testable import DPSWireFormats

/// The real swtpm-generated keys under `Fixtures/tpm/` (see `scripts/make-tpm-fixtures.sh`).
enum TPMFixtures {
    /// Every TPM2B_PUBLIC fixture, by file name.
    static let keys = [
        "ek-rsa2048.b64", "ek-ecc-p256.b64", "ek-rsa3072.b64", "srk-rsa2048.b64", "srk-ecc-p256.b64",
        "device-01-ek.b64", "device-02-ek.b64", "device-03-ek.b64", "device-04-ek.b64", "device-05-ek.b64",
        "device-06-ek.b64", "device-01-srk.b64", "device-02-srk.b64", "device-03-srk.b64", "device-04-srk.b64",
        "device-05-srk.b64", "device-06-srk.b64",
    ]

    /// The device EK fixtures, one per simulated TPM.
    static let deviceEKs = (1...6).map { "device-0\($0)-ek.b64" }

    /// The base64 text of `name`.
    static func text(_ name: String) throws -> String {
        try Fixture.text("tpm/" + name)
    }

    /// The decoded bytes of `name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        try StrictBase64.decode(text(name)).get()
    }

    /// `bytes` with the big-endian UInt16 at `offset` replaced.
    static func setting(_ bytes: [UInt8], uint16 value: UInt16, at offset: Int) -> [UInt8] {
        var copy = bytes
        copy[offset] = UInt8(value >> 8)
        copy[offset + 1] = UInt8(value & 0xFF)
        return copy
    }
}
