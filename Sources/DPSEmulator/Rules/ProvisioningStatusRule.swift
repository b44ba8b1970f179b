import DPSModel

/// `provisioningStatus`, when given, is `enabled` or `disabled`.
///
/// Source: service.json, `IndividualEnrollment.provisioningStatus` and `EnrollmentGroup.provisioningStatus`
/// (an enum of those two values).
struct ProvisioningStatusRule: ItemRule {
    var source: String { "service.json IndividualEnrollment/EnrollmentGroup.provisioningStatus" }

    func check<Item: RegistryItem>(_ item: Item) throws(ServiceError) {
        guard let status = item.provisioningStatus, !ProvisioningStatus.knownValues.contains(status) else { return }
        throw ServiceError.badRequest(
            "The provisioningStatus '\(status.rawValue)' is not one of enabled, disabled."
        )
    }
}
