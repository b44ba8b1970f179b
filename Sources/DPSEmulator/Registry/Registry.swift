import DPSModel
import Foundation

/// The state of an emulated DPS instance: enrollments, groups and registration states, with the service's rules.
///
/// An actor: requests are applied one at a time. A write is planned, made durable through the persistence (when
/// there is one), and only then applied and acknowledged.
public actor Registry {
    private var enrollments = ItemTable<IndividualEnrollment>()
    private var groups = ItemTable<EnrollmentGroup>()
    private var registrations = OrderedStore<RegistrationRecord>()
    private let persistence: (any RegistryPersistence)?
    /// The limits enforced.
    public let limits: RegistryLimits
    private let clock: @Sendable () -> Date
    /// Whether bulk answers list applied items in `errors` too (`errorCode` 200, "Succeeded"), as some SDK
    /// documentation shows the service doing. For tests of clients; off by default.
    private let listsSuccessesInBulkErrors: Bool

    /// Creates a registry, loading what `persistence` holds.
    public init(
        persistence: (any RegistryPersistence)? = nil,
        limits: RegistryLimits = RegistryLimits(),
        listsSuccessesInBulkErrors: Bool = false,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.persistence = persistence
        self.limits = limits
        self.listsSuccessesInBulkErrors = listsSuccessesInBulkErrors
        self.clock = clock
        if let snapshot = try persistence?.load() {
            for (enrollment, sequence) in snapshot.enrollments {
                enrollments.apply(.put(enrollment), sequence: sequence)
            }
            for (group, sequence) in snapshot.groups { groups.apply(.put(group), sequence: sequence) }
            for (record, sequence) in snapshot.registrations {
                registrations.set(record, id: record.state.registrationId ?? "", sequence: sequence)
            }
        }
    }

    /// The number of individual enrollments and of groups.
    public var counts: (enrollments: Int, groups: Int, registrations: Int) {
        (enrollments.count, groups.count, registrations.count)
    }

    /// The time stamped on what a write stores: taken once per request, one string shared by its items.
    private var timestamp: Timestamp { Timestamp(clock()) }

    // MARK: - Individual enrollments

    public func enrollment(_ id: String) throws(ServiceError) -> IndividualEnrollment {
        try enrollments.get(id).withoutSecrets
    }

    public func enrollmentAttestation(_ id: String) throws(ServiceError) -> AttestationMechanism {
        try enrollments.get(id).attestation
    }

    public func putEnrollment(
        _ id: String,
        _ body: IndividualEnrollment,
        ifMatch: String?
    ) throws(ServiceError) -> IndividualEnrollment {
        let stored = try enrollments.planPut(id, body: body, ifMatch: ifMatch, timestamp: timestamp)
        if (try? enrollments.get(id)) == nil, enrollments.count >= limits.maximumEnrollments {
            throw ServiceError.badRequest("The instance holds the maximum of \(limits.maximumEnrollments) enrollments.")
        }
        let sequence = enrollments.sequence(for: stored)
        try persist([.putEnrollment(stored, sequence: sequence)])
        enrollments.apply(.put(stored), sequence: sequence)
        return stored.withoutSecrets
    }

    public func deleteEnrollment(_ id: String, ifMatch: String?) throws(ServiceError) {
        let write = try enrollments.planDelete(id, ifMatch: ifMatch)
        try persist([.deleteEnrollment(id: id)])
        enrollments.apply(write)
    }

    /// Applies a bulk operation on individual enrollments. The request's checks and its items' preparation run
    /// before the actor is entered (they need no state), planning and applying inside it.
    public nonisolated func bulkEnrollments(
        _ operation: BulkEnrollmentOperation
    ) async throws(ServiceError) -> BulkEnrollmentOperationResult {
        try BulkModeRule.check(operation.mode)
        try Self.checkBulk(operation.enrollments.map(\.registrationId), noun: "registrationId", limits: limits)
        let items = operation.enrollments.map { PreparedBulkItem($0, mode: operation.mode) }
        return try await applyBulkEnrollments(operation, items: items)
    }

    private func applyBulkEnrollments(
        _ operation: BulkEnrollmentOperation,
        items: [PreparedBulkItem<IndividualEnrollment>]
    ) throws(ServiceError) -> BulkEnrollmentOperationResult {
        var room = limits.maximumEnrollments - enrollments.count
        let maximum = limits.maximumEnrollments
        let (planned, failures) = Self.planBulk(
            items,
            mode: operation.mode,
            in: enrollments,
            timestamp: timestamp
        ) { _ throws(ServiceError) in
            guard room > 0 else {
                throw ServiceError.badRequest("The instance holds the maximum of \(maximum) enrollments.")
            }
            room -= 1
        }
        try persist(planned.map(IndividualEnrollment.change))
        for (write, sequence) in planned { enrollments.apply(write, sequence: sequence) }
        let errors = failures.map {
            BulkEnrollmentOperationError(
                registrationId: $0.id,
                errorCode: $0.error.errorCode,
                errorStatus: $0.error.message
            )
        }
        let listed = appliedIdentifiers(operation.enrollments.map(\.registrationId), failures: failures).map {
            BulkEnrollmentOperationError(registrationId: $0, errorCode: 200, errorStatus: "Succeeded")
        }
        return BulkEnrollmentOperationResult(errors: errors + listed, isSuccessful: errors.isEmpty)
    }

    public func queryEnrollments(after: Int, limit: Int) -> (items: [IndividualEnrollment], continuation: Int?) {
        let page = enrollments.page(after: after, limit: limit)
        return (page.items.map(\.withoutSecrets), page.continuation)
    }

    // MARK: - Enrollment groups

    public func group(_ id: String) throws(ServiceError) -> EnrollmentGroup {
        try groups.get(id).withoutSecrets
    }

    public func groupAttestation(_ id: String) throws(ServiceError) -> AttestationMechanism {
        try groups.get(id).attestation
    }

    public func putGroup(
        _ id: String,
        _ body: EnrollmentGroup,
        ifMatch: String?
    ) throws(ServiceError) -> EnrollmentGroup {
        try Self.checkGroupKind(body)
        let stored = try groups.planPut(id, body: body, ifMatch: ifMatch, timestamp: timestamp)
        if (try? groups.get(id)) == nil {
            try Self.checkGroupRoom(for: [stored], existing: groups.store.all, maximum: limits.maximumGroupsPerKind)
        }
        let sequence = groups.sequence(for: stored)
        try persist([.putGroup(stored, sequence: sequence)])
        groups.apply(.put(stored), sequence: sequence)
        return stored.withoutSecrets
    }

    public func deleteGroup(_ id: String, ifMatch: String?) throws(ServiceError) {
        let write = try groups.planDelete(id, ifMatch: ifMatch)
        try persist([.deleteGroup(id: id)])
        groups.apply(write)
    }

    /// Applies a bulk operation on enrollment groups: checks and preparation before the actor is entered, like
    /// ``bulkEnrollments(_:)``.
    public nonisolated func bulkGroups(
        _ operation: BulkEnrollmentGroupOperation
    ) async throws(ServiceError) -> BulkEnrollmentGroupOperationResult {
        try BulkModeRule.check(operation.mode)
        try Self.checkBulk(
            operation.enrollmentGroups.map(\.enrollmentGroupId),
            noun: "enrollmentGroupId",
            limits: limits
        )
        let items = operation.enrollmentGroups.map { PreparedBulkItem($0, mode: operation.mode) }
        return try await applyBulkGroups(operation, items: items)
    }

    private func applyBulkGroups(
        _ operation: BulkEnrollmentGroupOperation,
        items: [PreparedBulkItem<EnrollmentGroup>]
    ) throws(ServiceError) -> BulkEnrollmentGroupOperationResult {
        var added: [EnrollmentGroup] = []
        let existing = groups.store.all
        let maximum = limits.maximumGroupsPerKind
        let (planned, failures) = Self.planBulk(
            items,
            mode: operation.mode,
            in: groups,
            timestamp: timestamp,
            check: { item throws(ServiceError) in
                if operation.mode != .delete { try Self.checkGroupKind(item) }
            },
            admit: { stored throws(ServiceError) in
                try Self.checkGroupRoom(for: added + [stored], existing: existing, maximum: maximum)
                added.append(stored)
            }
        )
        try persist(planned.map(EnrollmentGroup.change))
        for (write, sequence) in planned { groups.apply(write, sequence: sequence) }
        let errors = failures.map {
            BulkEnrollmentGroupOperationError(
                enrollmentGroupId: $0.id,
                errorCode: $0.error.errorCode,
                errorStatus: $0.error.message
            )
        }
        let listed = appliedIdentifiers(operation.enrollmentGroups.map(\.enrollmentGroupId), failures: failures).map {
            BulkEnrollmentGroupOperationError(enrollmentGroupId: $0, errorCode: 200, errorStatus: "Succeeded")
        }
        return BulkEnrollmentGroupOperationResult(errors: errors + listed, isSuccessful: errors.isEmpty)
    }

    public func queryGroups(after: Int, limit: Int) -> (items: [EnrollmentGroup], continuation: Int?) {
        let page = groups.page(after: after, limit: limit)
        return (page.items.map(\.withoutSecrets), page.continuation)
    }

    // MARK: - Registration states

    public func registration(_ id: String) throws(ServiceError) -> DeviceRegistrationState {
        guard let record = registrations.item(id) else {
            throw ServiceError.notFound("Registration '\(id)' not found.")
        }
        return record.state
    }

    public func deleteRegistration(_ id: String, ifMatch: String?) throws(ServiceError) {
        guard let record = registrations.item(id) else {
            throw ServiceError.notFound("Registration '\(id)' not found.")
        }
        if let ifMatch, !EntityTag.matches(ifMatch: ifMatch, current: record.state.etag) {
            throw ServiceError.preconditionFailed("The ETag of registration '\(id)' does not match If-Match.")
        }
        try persist([.deleteRegistration(id: id)])
        registrations.remove(id)
    }

    public func queryRegistrations(
        group: String,
        after: Int,
        limit: Int
    ) throws(ServiceError) -> (items: [DeviceRegistrationState], continuation: Int?) {
        _ = try groups.get(group)
        let wanted = group.lowercased()
        let page = registrations.page(after: after, limit: limit) { $0.enrollmentGroupId?.lowercased() == wanted }
        return (page.items.map(\.state), page.continuation)
    }

    /// Records that a device registered (what the device-facing DPS API would do; an emulator-only operation).
    public func recordRegistration(
        _ id: String,
        enrollmentGroupId: String?,
        assignedHub: String?,
        deviceId: String?
    ) throws(ServiceError) -> DeviceRegistrationState {
        try IdentifierRule.check(id, noun: "registration ID")
        if let enrollmentGroupId {
            _ = try groups.get(enrollmentGroupId)
        } else {
            _ = try enrollments.get(id)
        }
        let now = Timestamp(clock())
        let existing = registrations.item(id)
        let state = DeviceRegistrationState(
            registrationId: id,
            createdDateTimeUtc: existing?.state.createdDateTimeUtc ?? now,
            assignedHub: assignedHub,
            deviceId: deviceId ?? id,
            status: .assigned,
            substatus: .initialAssignment,
            lastUpdatedDateTimeUtc: now,
            etag: EntityTag.make()
        )
        let record = RegistrationRecord(state: state, enrollmentGroupId: enrollmentGroupId)
        let sequence = registrations.sequence(of: id) ?? registrations.nextSequence
        try persist([.putRegistration(record, sequence: sequence)])
        registrations.set(record, id: id, sequence: sequence)
        return state
    }

    // MARK: - Shared checks

    /// The IDs of a bulk operation that were applied, when bulk answers list successes; otherwise none.
    private func appliedIdentifiers(_ ids: [String], failures: [(id: String, error: ServiceError)]) -> [String] {
        guard listsSuccessesInBulkErrors else { return [] }
        let failed = Set(failures.map(\.id))
        return ids.filter { !failed.contains($0) }
    }

    private static func checkBulk(_ ids: [String], noun: String, limits: RegistryLimits) throws(ServiceError) {
        guard !ids.isEmpty else { throw ServiceError.badRequest("The bulk operation holds no items.") }
        guard ids.count <= limits.maximumBulkItems else {
            throw ServiceError.badRequest(
                "A bulk operation holds at most \(limits.maximumBulkItems) items; this one holds \(ids.count)."
            )
        }
        var seen = Set<String>()
        for id in ids where !seen.insert(id.lowercased()).inserted {
            throw ServiceError.badRequest("The bulk operation names \(noun) '\(id)' more than once.")
        }
    }

    private static func checkGroupKind(_ group: EnrollmentGroup) throws(ServiceError) {
        if group.attestation.type == .tpm {
            throw ServiceError.badRequest("Enrollment groups cannot use TPM attestation.")
        }
    }

    private static func checkGroupRoom(
        for added: [EnrollmentGroup],
        existing: [EnrollmentGroup],
        maximum: Int
    ) throws(ServiceError) {
        for kind in [AttestationType.x509, .symmetricKey] {
            let new = added.filter { $0.attestation.type == kind }.count
            guard new > 0 else { continue }
            if existing.filter({ $0.attestation.type == kind }).count + new > maximum {
                throw ServiceError.badRequest(
                    "The instance holds the maximum of \(maximum) \(kind.rawValue) enrollment groups."
                )
            }
        }
    }

    /// Plans every item of a bulk operation against `table`: items fail one by one (the operation is not atomic).
    ///
    /// `check` runs on every item first; `admit` runs for each item the operation would add, and may refuse it
    /// (instance limits). Returns the planned writes with their sequence numbers, and the failures.
    private static func planBulk<Item: RegistryItem>(
        _ items: [PreparedBulkItem<Item>],
        mode: BulkOperationMode,
        in table: ItemTable<Item>,
        timestamp: Timestamp,
        check: (Item) throws(ServiceError) -> Void = { _ in },
        admit: (Item) throws(ServiceError) -> Void
    ) -> (planned: [(ItemTable<Item>.Write, Int?)], failures: [(id: String, error: ServiceError)]) {
        var planned: [(ItemTable<Item>.Write, Int?)] = []
        var failures: [(id: String, error: ServiceError)] = []
        var sequences = SequenceAllocator(next: table.store.nextSequence)
        for entry in items {
            do throws(ServiceError) {
                try check(entry.item)
                let write = try table.planBulkItem(entry, mode: mode, timestamp: timestamp)
                if case .put(let stored) = write, (try? table.get(stored.identifier)) == nil {
                    try admit(stored)
                }
                planned.append((write, sequences.sequence(for: write, in: table)))
            } catch {
                failures.append((entry.item.identifier, error))
            }
        }
        return (planned, failures)
    }

    private func persist(_ changes: [RegistryChange]) throws(ServiceError) {
        guard let persistence, !changes.isEmpty else { return }
        do {
            try persistence.save(changes)
        } catch {
            throw ServiceError.internalError("The change could not be stored: \(error)")
        }
    }
}
