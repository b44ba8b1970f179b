import DPSWireFormats

/// Everything found about one TPM key given in one DPS column (`endorsementKey` or `storageRootKey`).
///
/// The assessment first decodes (for ``init(base64:role:rules:)``), then parses the TPM2B_PUBLIC strictly; if
/// either fails it reports one error — naming a recognised wrong input (PEM, DER, certificate, bare TPMT_PUBLIC,
/// hex) when it can. A structurally valid key is then run through every rule and all their issues are kept.
public struct TPMKeyAssessment: Sendable {
    /// The column the key was given in.
    public let role: TPMKeyRole
    /// The parsed key, when it is structurally valid.
    public let publicArea: TPMPublicArea?
    /// Every finding, errors and warnings, in rule order.
    public let issues: [TPMKeyIssue]

    /// Whether any issue is an error.
    public var hasErrors: Bool { issues.contains { $0.severity == .error } }

    /// The rules run on a structurally valid key.
    public static let defaultRules: [any TPMKeyRule] = [
        TPMStorageKeyAttributesRule(),
        TPMStorageKeyParametersRule(),
        TPMEndorsementPolicyRule(),
        TPMEndorsementKeyInSRKColumnRule(),
        TPMStandardEndorsementTemplateRule(),
    ]

    /// Assesses decoded TPM2B_PUBLIC bytes given in the `role` column.
    public init(bytes: [UInt8], role: TPMKeyRole, rules: [any TPMKeyRule] = TPMKeyAssessment.defaultRules) {
        self.role = role
        do {
            let area = try TPMPublicArea(tpm2bPublic: bytes)
            self.publicArea = area
            self.issues = rules.flatMap { $0.check(area, role: role) }
        } catch {
            self.publicArea = nil
            self.issues = [
                TPMInputDiagnosis.diagnose(bytes: bytes, role: role)
                    ?? TPMKeyIssue(
                        .error,
                        .malformedPublicArea,
                        "\(role.columnName) is not a valid TPM2B_PUBLIC: \(error.message)",
                        parseError: error
                    )
            ]
        }
    }

    /// Assesses the base64 text of a column. Empty text is an ``TPMKeyIssue/Code/emptyKey`` error, so callers
    /// skip an empty optional `storageRootKey` themselves.
    public init(base64 text: String, role: TPMKeyRole, rules: [any TPMKeyRule] = TPMKeyAssessment.defaultRules) {
        if text.isEmpty {
            self.init(role: role, issues: [TPMKeyIssue(.error, .emptyKey, "\(role.columnName) is empty")])
            return
        }
        switch StrictBase64.decode(text) {
        case .success(let bytes):
            self.init(bytes: bytes, role: role, rules: rules)
            if publicArea == nil, let better = TPMInputDiagnosis.diagnose(text: text, role: role) {
                self = TPMKeyAssessment(role: role, issues: [better])
            }
        case .failure(let error):
            let issue =
                TPMInputDiagnosis.diagnose(text: text, role: role)
                ?? TPMKeyIssue(
                    .error,
                    .invalidBase64,
                    "\(role.columnName) is not valid standard base64: \(error.message)",
                    base64Error: error
                )
            self.init(role: role, issues: [issue])
        }
    }

    private init(role: TPMKeyRole, issues: [TPMKeyIssue]) {
        self.role = role
        self.publicArea = nil
        self.issues = issues
    }

    /// The issues for decoded TPM2B_PUBLIC bytes given in the `role` column (errors and warnings).
    public static func issues(for bytes: [UInt8], role: TPMKeyRole) -> [TPMKeyIssue] {
        TPMKeyAssessment(bytes: bytes, role: role).issues
    }
}
