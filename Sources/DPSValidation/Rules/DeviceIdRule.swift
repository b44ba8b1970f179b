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

    static let allowedPunctuation = Set("-.%_*?!(),:=@$'".utf8)

    public init() {}

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        guard case .enrollment(let enrollment) = entry, let deviceId = enrollment.deviceId else { return }
        if deviceId.isEmpty {
            findings.error("deviceId", Self.empty, "the device ID is empty; leave the cell empty to use the registration ID")
            return
        }
        if deviceId.utf8.count > 128 {
            findings.error("deviceId", Self.tooLong, "the device ID has \(deviceId.utf8.count) characters; at most 128 allowed")
        }
        if let bad = deviceId.unicodeScalars.first(where: { !Self.isAllowed($0) }) {
            let hint = bad == "+" || bad == "#" ? " ('+' and '#' are no longer allowed by IoT Hub)" : ""
            findings.error(
                "deviceId", Self.invalidCharacter,
                "the device ID '\(deviceId)' contains \(IdentifierRule.describe(bad))\(hint); IoT Hub allows letters, "
                    + "digits and - . % _ * ? ! ( ) , : = @ $ '")
        }
        if deviceId != enrollment.registrationId && deviceId.lowercased() == enrollment.registrationId.lowercased() {
            findings.warning(
                "deviceId", Self.differsInCaseOnly,
                "the device ID '\(deviceId)' differs from the registration ID only in case; device IDs are "
                    + "case-sensitive in IoT Hub, so check this is intended")
        }
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        let byte = UInt8(scalar.value)
        return IdentifierRule.isAlphanumeric(byte) || allowedPunctuation.contains(byte)
    }
}
