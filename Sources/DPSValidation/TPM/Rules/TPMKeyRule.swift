import DPSWireFormats

/// One check of a structurally valid TPM public area against the column it was given in.
///
/// Rules are independent and composable; ``TPMKeyAssessment`` runs a list of them and collects every issue.
public protocol TPMKeyRule: Sendable {
    /// The issues this rule finds in `area` given in the `role` column; empty when it passes.
    func check(_ area: TPMPublicArea, role: TPMKeyRole) -> [TPMKeyIssue]
}
