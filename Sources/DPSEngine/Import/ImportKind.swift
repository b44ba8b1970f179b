import DPSClient
import DPSModel

/// What differs between importing individual enrollments and enrollment groups.
protocol ImportKind: SendableMetatype {
    associatedtype Item: Sendable
    static func identifier(_ item: Item) -> String
    /// Sends one bulk operation; returns the per-item errors.
    static func bulk(
        _ client: DPSServiceClient,
        _ items: [Item],
        mode: BulkOperationMode
    ) async throws(DPSRequestError)
        -> [BulkItemEntry]
    /// What the service holds for `id`, with keys when the manifest gave keys (for reconciliation).
    static func current(_ client: DPSServiceClient, _ id: String, withKeys: Bool) async throws(DPSRequestError) -> Item
    static func differences(expected: Item, actual: Item) -> [String]
    static func hasKeys(_ item: Item) -> Bool
}

enum EnrollmentKind: ImportKind {
    static func identifier(_ item: IndividualEnrollment) -> String { item.registrationId }

    static func bulk(
        _ client: DPSServiceClient,
        _ items: [IndividualEnrollment],
        mode: BulkOperationMode
    ) async throws(DPSRequestError) -> [BulkItemEntry] {
        let result = try await client.bulk(BulkEnrollmentOperation(enrollments: items, mode: mode))
        return (result.errors ?? []).map {
            BulkItemEntry(
                identifier: $0.registrationId,
                errorCode: $0.errorCode,
                errorStatus: $0.errorStatus
            )
        }
    }

    static func current(
        _ client: DPSServiceClient,
        _ id: String,
        withKeys: Bool
    ) async throws(DPSRequestError) -> IndividualEnrollment {
        var enrollment = try await client.enrollment(id)
        if withKeys { enrollment.attestation.symmetricKey = try await client.enrollmentAttestation(id).symmetricKey }
        return enrollment
    }

    static func differences(expected: IndividualEnrollment, actual: IndividualEnrollment) -> [String] {
        ContentComparison.differences(expected: expected, actual: actual)
    }

    static func hasKeys(_ item: IndividualEnrollment) -> Bool {
        item.attestation.symmetricKey?.primaryKey != nil || item.attestation.symmetricKey?.secondaryKey != nil
    }
}

enum GroupKind: ImportKind {
    static func identifier(_ item: EnrollmentGroup) -> String { item.enrollmentGroupId }

    static func bulk(
        _ client: DPSServiceClient,
        _ items: [EnrollmentGroup],
        mode: BulkOperationMode
    ) async throws(DPSRequestError) -> [BulkItemEntry] {
        let result = try await client.bulk(BulkEnrollmentGroupOperation(enrollmentGroups: items, mode: mode))
        return (result.errors ?? []).map {
            BulkItemEntry(
                identifier: $0.enrollmentGroupId,
                errorCode: $0.errorCode,
                errorStatus: $0.errorStatus
            )
        }
    }

    static func current(
        _ client: DPSServiceClient,
        _ id: String,
        withKeys: Bool
    ) async throws(DPSRequestError) -> EnrollmentGroup {
        var group = try await client.group(id)
        if withKeys { group.attestation.symmetricKey = try await client.groupAttestation(id).symmetricKey }
        return group
    }

    static func differences(expected: EnrollmentGroup, actual: EnrollmentGroup) -> [String] {
        ContentComparison.differences(expected: expected, actual: actual)
    }

    static func hasKeys(_ item: EnrollmentGroup) -> Bool {
        item.attestation.symmetricKey?.primaryKey != nil || item.attestation.symmetricKey?.secondaryKey != nil
    }
}
