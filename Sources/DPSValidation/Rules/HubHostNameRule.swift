import DPSManifest
import DPSModel

/// IoT hub host names: DNS names, normally ending in an Azure IoT Hub domain.
public struct HubHostNameRule: ValidationRule {
    public static let invalid: FindingCode = "hub.invalid-host-name"
    public static let unusualDomain: FindingCode = "hub.unusual-domain"
    public static let duplicate: FindingCode = "hub.listed-twice"

    /// The public and sovereign cloud domains of IoT Hub.
    static let knownSuffixes = [
        ".azure-devices.net", ".azure-devices.cn", ".azure-devices.us", ".azure-devices.de",
    ]

    public init() {}

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        let single: String?
        let hubs: [String]
        switch entry {
        case .enrollment(let enrollment): (single, hubs) = (enrollment.iotHubHostName, enrollment.iotHubs ?? [])
        case .group(let group): (single, hubs) = (group.iotHubHostName, group.iotHubs ?? [])
        }
        if let single { check(single, field: "iotHubHostName", findings: &findings) }
        var seen = Set<String>()
        for hub in hubs {
            check(hub, field: "iotHubs", findings: &findings)
            if !seen.insert(hub.lowercased()).inserted {
                findings.warning("iotHubs", Self.duplicate, "the hub '\(hub)' is listed twice in iotHubs")
            }
        }
    }

    private func check(_ host: String, field: String, findings: inout FindingSink) {
        if Self.isClean(host.utf8) { return }
        guard Self.isDNSName(host) else {
            let hint = host.contains("://") ? " (write the host name only, without https://)" : ""
            findings.error(
                field,
                Self.invalid,
                "'\(host)' is not a valid host name\(hint); expected e.g. myhub.azure-devices.net"
            )
            return
        }
        if !Self.knownSuffixes.contains(where: { Self.hasSuffixIgnoringASCIICase(host, $0) }) {
            findings.warning(
                field,
                Self.unusualDomain,
                "'\(host)' does not end in an IoT Hub domain such as .azure-devices.net; check it is a hub linked to "
                    + "the DPS instance"
            )
        }
    }

    /// Whether a host name draws no finding: a DNS name in a known IoT Hub domain. The rule settles the common
    /// case with it first, and the validator's fast path calls it on a CSV cell's bytes.
    static func isClean(_ host: some BidirectionalCollection<UInt8>) -> Bool {
        isDNSName(host) && knownSuffixes.contains { hasSuffixIgnoringASCIICase(host, $0) }
    }

    /// Whether `host` ends with the lowercase ASCII `suffix`, ignoring the case of ASCII letters in `host`.
    ///
    /// Byte-wise, without `lowercased()` (which allocates a string for every hub of every record); valid host names
    /// are ASCII, so this is the same test as `host.lowercased().hasSuffix(suffix)`.
    static func hasSuffixIgnoringASCIICase(_ host: String, _ suffix: String) -> Bool {
        hasSuffixIgnoringASCIICase(host.utf8, suffix)
    }

    /// `hasSuffixIgnoringASCIICase(_:_:)` of UTF-8 bytes.
    static func hasSuffixIgnoringASCIICase(_ hostBytes: some BidirectionalCollection<UInt8>, _ suffix: String) -> Bool {
        let suffixBytes = suffix.utf8
        guard hostBytes.count >= suffixBytes.count else { return false }
        var index = hostBytes.index(hostBytes.endIndex, offsetBy: -suffixBytes.count)
        for expected in suffixBytes {
            let byte = hostBytes[index]
            guard ((0x41...0x5A).contains(byte) ? byte | 0x20 : byte) == expected else { return false }
            hostBytes.formIndex(after: &index)
        }
        return true
    }

    /// Whether `host` is a DNS name: dot-separated labels of 1–63 letters, digits and inner hyphens, ≤ 253 total.
    static func isDNSName(_ host: String) -> Bool { isDNSName(host.utf8) }

    /// `isDNSName(_:)` of UTF-8 bytes.
    static func isDNSName(_ bytes: some Collection<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var labelLength = 0
        var previous: UInt8 = 0x2E
        for byte in bytes {
            if byte == 0x2E {
                guard labelLength > 0, previous != 0x2D else { return false }
                labelLength = 0
            } else {
                guard IdentifierRule.isAlphanumeric(byte) || byte == 0x2D, !(labelLength == 0 && byte == 0x2D) else {
                    return false
                }
                labelLength += 1
                guard labelLength <= 63 else { return false }
            }
            previous = byte
        }
        return labelLength > 0 && previous != 0x2D
    }
}
