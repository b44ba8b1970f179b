import DPSClient
import DPSModel

/// What differs between importing individual enrollments and enrollment groups.
protocol BulkItemKind: SendableMetatype {
    associatedtype Item: Sendable
    static func identifier(_ item: Item) -> String
    /// Sends one bulk operation; returns the per-item errors.
    static func bulk(
        _ client: DPSServiceClient,
        _ items: [Item],
        mode: BulkOperationMode
    ) async throws(DPSRequestError)
        -> [BulkItemEntry]
    /// What the service holds for `id` (without keys: get never returns them).
    static func current(_ client: DPSServiceClient, _ id: String) async throws(DPSRequestError) -> Item
    /// The symmetric keys the service holds for `id` (the attestation mechanism call: one more operation).
    static func keys(_ client: DPSServiceClient, _ id: String) async throws(DPSRequestError) -> SymmetricKeyAttestation?
    /// `item` with `keys` in its attestation.
    static func setting(_ keys: SymmetricKeyAttestation?, on item: Item) -> Item
    static func differences(expected: Item, actual: Item) -> [String]
    static func hasKeys(_ item: Item) -> Bool
}

enum EnrollmentKind: BulkItemKind {
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
        _ id: String
    ) async throws(DPSRequestError) -> IndividualEnrollment {
        try await client.enrollment(id)
    }

    static func keys(
        _ client: DPSServiceClient,
        _ id: String
    ) async throws(DPSRequestError) -> SymmetricKeyAttestation? {
        try await client.enrollmentAttestation(id).symmetricKey
    }

    static func setting(_ keys: SymmetricKeyAttestation?, on item: IndividualEnrollment) -> IndividualEnrollment {
        var item = item
        item.attestation.symmetricKey = keys
        return item
    }

    static func differences(expected: IndividualEnrollment, actual: IndividualEnrollment) -> [String] {
        ContentComparison.differences(expected: expected, actual: actual)
    }

    static func hasKeys(_ item: IndividualEnrollment) -> Bool {
        item.attestation.symmetricKey?.primaryKey != nil || item.attestation.symmetricKey?.secondaryKey != nil
    }
}

enum GroupKind: BulkItemKind {
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

    static func current(_ client: DPSServiceClient, _ id: String) async throws(DPSRequestError) -> EnrollmentGroup {
        try await client.group(id)
    }

    static func keys(
        _ client: DPSServiceClient,
        _ id: String
    ) async throws(DPSRequestError) -> SymmetricKeyAttestation? {
        try await client.groupAttestation(id).symmetricKey
    }

    static func setting(_ keys: SymmetricKeyAttestation?, on item: EnrollmentGroup) -> EnrollmentGroup {
        var item = item
        item.attestation.symmetricKey = keys
        return item
    }

    static func differences(expected: EnrollmentGroup, actual: EnrollmentGroup) -> [String] {
        ContentComparison.differences(expected: expected, actual: actual)
    }

    static func hasKeys(_ item: EnrollmentGroup) -> Bool {
        item.attestation.symmetricKey?.primaryKey != nil || item.attestation.symmetricKey?.secondaryKey != nil
    }
}
