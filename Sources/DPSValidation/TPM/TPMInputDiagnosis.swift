import DPSWireFormats

/// Recognises the common wrong things pasted into a TPM key column and says what they are.
///
/// DPS needs base64 of a TPM2B_PUBLIC. Factory tooling often produces a PEM or DER public key, the EK certificate,
/// a TPMT_PUBLIC without its size prefix, or hex. These functions are meant to run after the strict path failed,
/// to replace a generic parse error with a message that names the mistake.
public enum TPMInputDiagnosis {
    private static let howTo =
        "DPS needs base64 of the TPM2B_PUBLIC, e.g. `tpm2_createek -G rsa -u ek.pub` or "
        + "`tpm2_readpublic -c <handle> -f tss -o key.pub`, then `base64 -w0` of that file"

    /// Diagnoses the cell text: a PEM block, or hex instead of base64. `nil` if neither.
    public static func diagnose(text: String, role: TPMKeyRole) -> TPMKeyIssue? {
        if text.contains("-----BEGIN") {
            if text.contains("-----BEGIN CERTIFICATE") || text.contains("-----BEGIN X509 CERTIFICATE") {
                return TPMKeyIssue(
                    .error,
                    .certificate,
                    "\(role.columnName) is a PEM certificate (the EK certificate?), not the key's public area; "
                        + howTo
                )
            }
            return TPMKeyIssue(
                .error,
                .pemKey,
                "\(role.columnName) is a PEM key (\"-----BEGIN ...\"), not a TPM2B_PUBLIC; " + howTo
            )
        }
        if let bytes = TPMHex.bytes(text), bytes.count >= 2,
            (try? TPMPublicArea(tpm2bPublic: bytes)) != nil
        {
            return TPMKeyIssue(
                .error,
                .hexEncoded,
                "\(role.columnName) is the TPM2B_PUBLIC written in hex; convert it to standard base64 "
                    + "(e.g. `xxd -r -p | base64 -w0`)"
            )
        }
        return nil
    }

    /// Diagnoses decoded bytes: DER SubjectPublicKeyInfo, a DER certificate, or a bare TPMT_PUBLIC. `nil` if none.
    public static func diagnose(bytes: [UInt8], role: TPMKeyRole) -> TPMKeyIssue? {
        if let shape = derShape(bytes) {
            if shape == .certificate {
                return TPMKeyIssue(
                    .error,
                    .certificate,
                    "\(role.columnName) decodes to a DER X.509 certificate (the EK certificate?), not the key's "
                        + "public area; " + howTo
                )
            }
            return TPMKeyIssue(
                .error,
                .derPublicKey,
                "\(role.columnName) decodes to ASN.1 DER starting 0x30 (a SubjectPublicKeyInfo, e.g. from "
                    + "`tpm2_readpublic -f der` or openssl), not a TPM2B_PUBLIC; " + howTo
            )
        }
        if bytes.count >= 2 {
            if TPMPublicArea.isBareTPMTPublic(bytes) {
                let size = TPMHex.word(UInt16(truncatingIfNeeded: bytes.count))
                return TPMKeyIssue(
                    .error,
                    .bareTPMTPublic,
                    "\(role.columnName) is a bare TPMT_PUBLIC (\(bytes.count) bytes) without the 2-byte size "
                        + "prefix; DPS needs the TPM2B_PUBLIC — the same bytes preceded by \(size) (the output of "
                        + "`tpm2_createek -u` or `tpm2_readpublic -f tss`)"
                )
            }
        }
        return nil
    }

    /// Classifies DER: certificate (SEQUENCE { SEQUENCE { [0] or INTEGER ...) or other (SPKI, ...). `nil` if not DER.
    /// A TPM2B_PUBLIC cannot start with 0x30: its size would be at least 12,288 bytes.
    private static func derShape(_ bytes: [UInt8]) -> TPMKeyIssue.Code? {
        guard bytes.count >= 4, bytes[0] == 0x30 else { return nil }
        var i = 1
        guard skipLength(bytes, &i), i < bytes.count, bytes[i] == 0x30 else { return .derPublicKey }
        i += 1
        guard skipLength(bytes, &i), i < bytes.count else { return .derPublicKey }
        return bytes[i] == 0xA0 || bytes[i] == 0x02 ? .certificate : .derPublicKey
    }

    private static func skipLength(_ bytes: [UInt8], _ i: inout Int) -> Bool {
        guard i < bytes.count else { return false }
        let first = bytes[i]
        i += 1
        if first < 0x80 { return true }
        let count = Int(first & 0x7F)
        guard count >= 1, count <= 4, i + count <= bytes.count else { return false }
        i += count
        return true
    }
}
