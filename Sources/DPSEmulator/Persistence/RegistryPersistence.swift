import DPSModel

/// One durable change to the registry.
public enum RegistryChange: Sendable {
    case putEnrollment(IndividualEnrollment, sequence: Int)
    case deleteEnrollment(id: String)
    case putGroup(EnrollmentGroup, sequence: Int)
    case deleteGroup(id: String)
    case putRegistration(RegistrationRecord, sequence: Int)
    case deleteRegistration(id: String)
}

/// Everything the registry holds, as loaded at start.
public struct RegistrySnapshot: Sendable {
    public var enrollments: [(IndividualEnrollment, sequence: Int)] = []
    public var groups: [(EnrollmentGroup, sequence: Int)] = []
    public var registrations: [(RegistrationRecord, sequence: Int)] = []

    public init() {}
}

/// Where the registry keeps its state across restarts. `save` returns only once the changes are durable.
public protocol RegistryPersistence: Sendable {
    /// Everything saved so far.
    func load() throws -> RegistrySnapshot
    /// Makes `changes` durable, all or nothing.
    func save(_ changes: [RegistryChange]) throws
}
