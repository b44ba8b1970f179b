import DPSManifest
import DPSModel

/// IoT Hub device IDs: case-sensitive, up to 128 ASCII characters, alphanumerics and `- . % _ * ? ! ( ) , : = @ $ '`.
///
/// When the device ID is absent the hub uses the registration ID, which ``IdentifierRule`` already checks.
public struct DeviceIdRule: ValidationRule {
    public static let empty: FindingCode = "device-id.empty"
    public static let tooLong: FindingCode = "device-id.too-long"
    public static let invalidCharacter: FindingCode = "device-id.invalid-character"
    public static let differsInCaseOnly: FindingCode = "device-id.differs-in-case"

    public init() {}

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        guard let (registrationId, deviceId) = entry.enrollmentIDs, let deviceId else { return }
        var (device, registration) = (deviceId, registrationId)
        if device.withUTF8({ device in registration.withUTF8 { Self.isClean(device, registrationId: $0) } }) { return }
        if deviceId.isEmpty {
            findings.error(
                "deviceId",
                Self.empty,
                "the device ID is empty; leave the cell empty to use the registration ID"
            )
            return
        }
        if deviceId.utf8.count > 128 {
            findings.error(
                "deviceId",
                Self.tooLong,
                "the device ID has \(deviceId.utf8.count) characters; at most 128 allowed"
            )
        }
        // The byte scan settles the common, valid case; the scalar scan names the first bad character.
        if !deviceId.utf8.allSatisfy(Self.isAllowedByte),
            let bad = deviceId.unicodeScalars.first(where: { !Self.isAllowed($0) })
        {
            let hint = bad == "+" || bad == "#" ? " ('+' and '#' are no longer allowed by IoT Hub)" : ""
            findings.error(
                "deviceId",
                Self.invalidCharacter,
                "the device ID '\(deviceId)' contains \(IdentifierRule.describe(bad))\(hint); IoT Hub allows letters, "
                    + "digits and - . % _ * ? ! ( ) , : = @ $ '"
            )
        }
        if deviceId != registrationId && deviceId.lowercased() == registrationId.lowercased() {
            findings.warning(
                "deviceId",
                Self.differsInCaseOnly,
                "the device ID '\(deviceId)' differs from the registration ID only in case; device IDs are "
                    + "case-sensitive in IoT Hub, so check this is intended"
            )
        }
    }

    /// Whether a device ID draws no finding at all, decided from the UTF-8 bytes of it and of the registration
    /// ID: 1 to 128 allowed characters, and the same as the registration ID or different from it in more than case.
    ///
    /// The rule settles the common case with it first, and the validator's fast path calls it on CSV cells.
    static func isClean(_ deviceId: UnsafeBufferPointer<UInt8>, registrationId: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !deviceId.isEmpty, deviceId.count <= 128, deviceId.allSatisfy(isAllowedByte) else { return false }
        if deviceId.elementsEqual(registrationId) { return true }
        // `lowercased()` of ASCII text is ASCII case folding; a non-ASCII registration ID is left to the rule.
        guard registrationId.allSatisfy({ $0 < 0x80 }) else { return false }
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        return
            !(deviceId.count == registrationId.count
            && zip(deviceId, registrationId).allSatisfy { lower($0) == lower($1) })
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isAllowedByte(UInt8(scalar.value))
    }

    /// Whether `byte` is an ASCII letter, digit or one of `- . % _ * ? ! ( ) , : = @ $ '` (a switch, not a `Set`
    /// lookup: this runs for every byte of every device ID).
    static func isAllowedByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "%"), UInt8(ascii: "_"), UInt8(ascii: "*"),
            UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "$"), UInt8(ascii: "'"):
            true
        default:
            false
        }
    }
}
