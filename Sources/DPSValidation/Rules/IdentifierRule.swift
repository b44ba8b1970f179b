import DPSManifest
import DPSModel

/// Registration IDs and enrollment group IDs.
///
/// Error on the documented rule: up to 128 characters of `A-Z a-z 0-9 - . _ :`, the last one alphanumeric or `-`
/// (64 for X.509 individual enrollments, the subject CN limit). Warnings for the stricter variants the spec and
/// older SDKs state: a special character at the start, or anything but lowercase alphanumerics and hyphens.
public struct IdentifierRule: ValidationRule {
    public static let missing: FindingCode = "registration-id.missing"
    public static let tooLong: FindingCode = "registration-id.too-long"
    public static let invalidCharacter: FindingCode = "registration-id.invalid-character"
    public static let invalidLastCharacter: FindingCode = "registration-id.invalid-last-character"
    public static let specialFirstCharacter: FindingCode = "registration-id.special-first-character"
    public static let notLowercase: FindingCode = "registration-id.not-lowercase"
    public static let groupMissing: FindingCode = "group-id.missing"
    public static let groupTooLong: FindingCode = "group-id.too-long"
    public static let groupInvalidCharacter: FindingCode = "group-id.invalid-character"
    public static let groupInvalidLastCharacter: FindingCode = "group-id.invalid-last-character"
    public static let groupSpecialFirstCharacter: FindingCode = "group-id.special-first-character"

    public init() {}

    public func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink) {
        if let (registrationId, _) = entry.enrollmentIDs {
            let limit = entry.attestationType == .x509 ? 64 : 128
            var bytes = registrationId
            if bytes.withUTF8({ Self.isClean($0, limit: limit) }) { return }
            let why = limit == 64 ? " (the limit for X.509 enrollments, whose ID is the certificate's CN)" : ""
            let scan = ByteScan(registrationId.utf8)
            check(
                registrationId,
                scan: scan,
                field: "registrationId",
                noun: "registration ID",
                limit: limit,
                limitReason: why,
                codes: (
                    Self.missing, Self.tooLong, Self.invalidCharacter, Self.invalidLastCharacter,
                    Self.specialFirstCharacter
                ),
                findings: &findings
            )
            if Self.isValidShape(registrationId, scan: scan, limit: limit), !scan.allLowercaseOrHyphen {
                findings.warning(
                    "registrationId",
                    Self.notLowercase,
                    "registration ID '\(registrationId)' has uppercase letters or . _ : ; the service "
                        + "accepts them, but older device SDKs and the 2018 service rule allow only lowercase "
                        + "letters, digits and hyphens"
                )
            }
        } else {
            let groupId = entry.identifier
            check(
                groupId,
                scan: ByteScan(groupId.utf8),
                field: "enrollmentGroupId",
                noun: "enrollment group ID",
                limit: 128,
                limitReason: "",
                codes: (
                    Self.groupMissing, Self.groupTooLong, Self.groupInvalidCharacter,
                    Self.groupInvalidLastCharacter, Self.groupSpecialFirstCharacter
                ),
                findings: &findings
            )
        }
    }

    /// Whether a registration ID draws no finding at all (error or warning), decided from its UTF-8 bytes: at most
    /// `limit` of `a-z 0-9 -`, a letter or digit first, a letter, digit or `-` last.
    ///
    /// The rule settles the common case with it before anything else, and the validator's fast path calls it on
    /// a CSV cell's bytes: one decision for both.
    static func isClean(_ id: UnsafeBufferPointer<UInt8>, limit: Int) -> Bool {
        guard let first = id.first, let last = id.last, id.count <= limit, isAlphanumeric(first) else { return false }
        return ByteScan(id).allLowercaseOrHyphen && (isAlphanumeric(last) || last == 0x2D)
    }

    /// What one pass over an ID's UTF-8 bytes finds; the common, valid ID needs no other pass.
    struct ByteScan {
        /// Whether every byte is one of `A-Z a-z 0-9 - . _ :` (so the ID is ASCII and one byte per character).
        var allAllowed = true
        /// Whether every byte is a lowercase letter, a digit or `-`.
        var allLowercaseOrHyphen = true

        init(_ id: some Sequence<UInt8>) {
            for byte in id {
                if !IdentifierRule.isAllowedByte(byte) { allAllowed = false }
                if !(IdentifierRule.isLowercaseAlphanumeric(byte) || byte == 0x2D) { allLowercaseOrHyphen = false }
            }
        }
    }

    private func check(
        _ id: String,
        scan: ByteScan,
        field: String,
        noun: String,
        limit: Int,
        limitReason: String,
        codes: (FindingCode, FindingCode, FindingCode, FindingCode, FindingCode),
        findings: inout FindingSink
    ) {
        let bytes = id.utf8
        guard let first = bytes.first, let last = bytes.last else {
            findings.error(field, codes.0, "the \(noun) is empty")
            return
        }
        let length = scan.allAllowed ? bytes.count : Self.characterCount(id)
        if length > limit {
            findings.error(
                field,
                codes.1,
                "the \(noun) has \(length) characters; at most \(limit) allowed\(limitReason)"
            )
        }
        // The byte scan settles the common, valid case; the scalar scan names the first bad character.
        if !scan.allAllowed, let bad = id.unicodeScalars.first(where: { !Self.isAllowed($0) }) {
            findings.error(
                field,
                codes.2,
                "the \(noun) '\(id)' contains \(Self.describe(bad)); only letters A-Z a-z, digits and - . _ : "
                    + "are allowed"
            )
        } else if !(Self.isAlphanumeric(last) || last == 0x2D) {
            findings.error(
                field,
                codes.3,
                "the \(noun) '\(id)' ends with '\(Character(Unicode.Scalar(last)))'; "
                    + "it must end with a letter, a digit or '-'"
            )
        }
        if !Self.isAlphanumeric(first) && Self.isAllowedByte(first) {
            findings.warning(
                field,
                codes.4,
                "the \(noun) '\(id)' starts with '\(Character(Unicode.Scalar(first)))'; the API reference says no "
                    + "special character at the start"
            )
        }
    }

    /// `text.count` (characters), without grapheme breaking for the usual ASCII text: there each byte is one
    /// character, except a CR LF pair, which is one.
    static func characterCount(_ text: String) -> Int {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return text.count }
        return bytes.count
    }

    static func isValidShape(_ id: String, scan: ByteScan, limit: Int) -> Bool {
        guard scan.allAllowed, let last = id.utf8.last, id.utf8.count <= limit else { return false }
        return isAlphanumeric(last) || last == 0x2D
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isAllowedByte(UInt8(scalar.value))
    }

    static func isAllowedByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x3A
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    static func isLowercaseAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte)
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case " ": "a space"
        case "\t": "a tab"
        default:
            scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F
                ? "'\(Character(scalar))'" : "the character U+\(String(scalar.value, radix: 16, uppercase: true))"
        }
    }
}
