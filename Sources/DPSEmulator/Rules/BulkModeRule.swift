import DPSModel

/// A bulk operation's `mode` is one of `create`, `update`, `updateIfMatchETag`, `delete`; any other mode is a 400
/// for the whole request (not 200 with a failure per item).
///
/// Source: service.json, `BulkEnrollmentOperation.mode` / `BulkEnrollmentGroupOperation.mode` (required, the
/// `OperationMode` enum).
enum BulkModeRule {
    static let source = "service.json BulkEnrollmentOperation.mode (OperationMode)"

    static func check(_ mode: BulkOperationMode) throws(ServiceError) {
        guard !BulkOperationMode.knownValues.contains(mode) else { return }
        throw ServiceError.badRequest(
            "The bulk operation mode '\(mode.rawValue)' is not one of create, update, updateIfMatchETag, delete."
        )
    }
}
