/// TPMA_OBJECT: the 32-bit attribute field of a TPMT_PUBLIC.
public struct TPMObjectAttributes: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The raw bits as marshalled.
    public let rawValue: UInt32

    /// Wraps raw attribute bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The key cannot be duplicated to another TPM (bit 1).
    public static let fixedTPM = TPMObjectAttributes(rawValue: 1 << 1)
    /// The key is lost on TPM Restart (bit 2).
    public static let stClear = TPMObjectAttributes(rawValue: 1 << 2)
    /// The key cannot be moved to another parent (bit 4).
    public static let fixedParent = TPMObjectAttributes(rawValue: 1 << 4)
    /// The TPM generated the sensitive part (bit 5).
    public static let sensitiveDataOrigin = TPMObjectAttributes(rawValue: 1 << 5)
    /// User-role actions accept an authValue (bit 6).
    public static let userWithAuth = TPMObjectAttributes(rawValue: 1 << 6)
    /// Admin-role actions need the authPolicy (bit 7); set on an EK.
    public static let adminWithPolicy = TPMObjectAttributes(rawValue: 1 << 7)
    /// Not subject to dictionary-attack protection (bit 10).
    public static let noDA = TPMObjectAttributes(rawValue: 1 << 10)
    /// Duplication needs an inner wrapper (bit 11).
    public static let encryptedDuplication = TPMObjectAttributes(rawValue: 1 << 11)
    /// Usage is restricted to TPM-formatted data (bit 16).
    public static let restricted = TPMObjectAttributes(rawValue: 1 << 16)
    /// The key decrypts (bit 17).
    public static let decrypt = TPMObjectAttributes(rawValue: 1 << 17)
    /// The key signs (bit 18, sign/encrypt).
    public static let sign = TPMObjectAttributes(rawValue: 1 << 18)
    /// The key signs X.509 certificates only (bit 19).
    public static let x509Sign = TPMObjectAttributes(rawValue: 1 << 19)

    /// Bits that TPM 2.0 reserves (0, 3, 8, 9, 12–15, 20–31); a TPM rejects an object with any of them set.
    public static let reserved = TPMObjectAttributes(rawValue: 0xFFF0_F309)

    /// The attributes every storage key (an EK or SRK) has: fixedTPM, fixedParent, sensitiveDataOrigin,
    /// restricted and decrypt (and it must not have sign).
    public static let storageKey: TPMObjectAttributes = [
        .fixedTPM, .fixedParent, .sensitiveDataOrigin, .restricted, .decrypt,
    ]

    /// The attributes of the TCG EK templates L-1 and L-2 (0x000300B2).
    public static let standardEndorsementKey: TPMObjectAttributes = [
        .fixedTPM, .fixedParent, .sensitiveDataOrigin, .adminWithPolicy, .restricted, .decrypt,
    ]

    /// The named bits in order.
    public static let named: [(TPMObjectAttributes, String)] = [
        (.fixedTPM, "fixedTPM"), (.stClear, "stClear"), (.fixedParent, "fixedParent"),
        (.sensitiveDataOrigin, "sensitiveDataOrigin"), (.userWithAuth, "userWithAuth"),
        (.adminWithPolicy, "adminWithPolicy"), (.noDA, "noDA"), (.encryptedDuplication, "encryptedDuplication"),
        (.restricted, "restricted"), (.decrypt, "decrypt"), (.sign, "sign"), (.x509Sign, "x509Sign"),
    ]

    /// The names of the set bits, e.g. `["fixedTPM", "restricted"]`.
    public var names: [String] {
        Self.named.filter { contains($0.0) }.map(\.1)
    }

    /// The hex value and names, e.g. `0x000300B2 (fixedTPM|fixedParent|…)`.
    public var description: String {
        "\(TPMHex.dword(rawValue)) (\(names.joined(separator: "|")))"
    }
}
