import DPSModel
import DPSWireFormats
import Foundation

/// A TPM endorsement key (and a storage root key, when given) is base64 of a TPM2B_PUBLIC: a 2-byte size equal to
/// the rest, then a TPMT_PUBLIC of a known type, and nothing after it. Otherwise 400004 "Endorsement key is
/// invalid, or does not match the Enrollment."
///
/// Source: NOTES.md, TPM endorsement keys (the format every SDK sends) and Errors (400004 and its message).
/// Only the structure is checked. Whether the service refuses a key that is well formed but implausible (an even
/// RSA modulus, an unusual exponent or template, an ECC key) is not documented, so the emulator accepts it;
/// `dpsbulk validate` still reports such keys. Base64 with whitespace or non-zero trailing bits is accepted for
/// the same reason.
struct EndorsementKeyRule: ItemRule {
    var source: String { "NOTES.md TPM endorsement keys; NOTES.md Errors (400004)" }

    /// Parse failures that are about the key's plausibility, not its structure.
    static let plausibilityCodes: Set<TPMParseError.Code> = [
        .unknownNameAlgorithm, .reservedAttributes, .badPolicyLength, .unknownSymmetricAlgorithm, .symmetricKeyBits,
        .unknownSymmetricMode, .unknownScheme, .unknownSchemeHash, .rsaKeyBits, .rsaExponent, .modulusLength,
        .modulusTopBit, .modulusEven, .unknownCurve, .eccPointLength, .unsupportedType,
    ]

    func check<Item: RegistryItem>(_ item: Item) throws(ServiceError) {
        guard item.attestation.type == .tpm, let tpm = item.attestation.tpm else { return }
        if let key = tpm.endorsementKey { try Self.check(key, field: "endorsementKey") }
        if let key = tpm.storageRootKey, !key.isEmpty { try Self.check(key, field: "storageRootKey") }
    }

    static func check(_ text: String, field: String) throws(ServiceError) {
        guard let bytes = decode(text) else {
            throw invalid("\(field) is not base64.")
        }
        do {
            _ = try TPMPublicArea(tpm2bPublic: bytes)
        } catch  where plausibilityCodes.contains(error.code) {
            return
        } catch {
            throw invalid("\(field) is not a TPM2B_PUBLIC: \(error.message)")
        }
    }

    private static func decode(_ text: String) -> [UInt8]? {
        switch StrictBase64.decode(text) {
        case .success(let bytes):
            return bytes
        case .failure(let error) where error.code == .whitespace || error.code == .nonZeroTrailingBits:
            let compact = text.filter { !$0.isWhitespace }
            return Data(base64Encoded: compact).map { [UInt8]($0) }
        case .failure:
            return nil
        }
    }

    private static func invalid(_ detail: String) -> ServiceError {
        ServiceError.badRequest(
            "Endorsement key is invalid, or does not match the Enrollment. " + detail,
            code: 400_004
        )
    }
}
