import Foundation

/// A request of the DPS service API, recognised from its method and path.
///
/// Paths match case-insensitively (the Node SDK sends `/enrollmentgroups/`) and IDs arrive percent-encoded.
enum ServiceRoute: Equatable, Sendable {
    case getEnrollment(String)
    case putEnrollment(String)
    case deleteEnrollment(String)
    case enrollmentAttestation(String)
    case bulkEnrollments
    case queryEnrollments
    case getGroup(String)
    case putGroup(String)
    case deleteGroup(String)
    case groupAttestation(String)
    case bulkGroups
    case queryGroups
    case getRegistration(String)
    case deleteRegistration(String)
    case queryRegistrations(group: String)
    /// Emulator only: records a device registration, as the device-facing API would.
    case recordRegistration(String)

    /// The route for a method and a raw (percent-encoded) path; `.failure` with 404 or 405 otherwise.
    static func match(method: String, path: String) -> Result<ServiceRoute, ServiceError> {
        let raw = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let segments = raw.map { $0.removingPercentEncoding ?? $0 }
        let collection = segments.first?.lowercased()
        let verb = method.uppercased()
        func route(_ candidates: [String: ServiceRoute]) -> Result<ServiceRoute, ServiceError> {
            if let found = candidates[verb] { return .success(found) }
            return .failure(
                ServiceError(
                    status: 405,
                    errorCode: 405_000,
                    message: "The method \(verb) is not allowed on \(path); allowed: "
                        + candidates.keys.sorted().joined(separator: ", ")
                )
            )
        }
        switch (collection, segments.count) {
        case ("enrollments", 1):
            return route(["POST": .bulkEnrollments])
        case ("enrollments", 2) where segments[1].lowercased() == "query" && verb == "POST":
            return .success(.queryEnrollments)
        case ("enrollments", 2):
            let id = segments[1]
            return route(["GET": .getEnrollment(id), "PUT": .putEnrollment(id), "DELETE": .deleteEnrollment(id)])
        case ("enrollments", 3) where segments[2].lowercased() == "attestationmechanism":
            return route(["POST": .enrollmentAttestation(segments[1])])
        case ("enrollmentgroups", 1):
            return route(["POST": .bulkGroups])
        case ("enrollmentgroups", 2) where segments[1].lowercased() == "query" && verb == "POST":
            return .success(.queryGroups)
        case ("enrollmentgroups", 2):
            let id = segments[1]
            return route(["GET": .getGroup(id), "PUT": .putGroup(id), "DELETE": .deleteGroup(id)])
        case ("enrollmentgroups", 3) where segments[2].lowercased() == "attestationmechanism":
            return route(["POST": .groupAttestation(segments[1])])
        case ("registrations", 2):
            return route(["GET": .getRegistration(segments[1]), "DELETE": .deleteRegistration(segments[1])])
        case ("registrations", 3) where segments[2].lowercased() == "query":
            return route(["POST": .queryRegistrations(group: segments[1])])
        case ("emulator", 3) where segments[1].lowercased() == "registrations":
            return route(["PUT": .recordRegistration(segments[2])])
        default:
            return .failure(ServiceError(status: 404, errorCode: 404_000, message: "No such resource: \(path)"))
        }
    }

    /// Whether the route is a bulk operation.
    var isBulk: Bool { self == .bulkEnrollments || self == .bulkGroups }

    /// Whether the route changes state (matters for faults that lose the response of an applied write).
    var isWrite: Bool {
        switch self {
        case .putEnrollment, .deleteEnrollment, .bulkEnrollments, .putGroup, .deleteGroup, .bulkGroups,
            .deleteRegistration, .recordRegistration:
            true
        default:
            false
        }
    }
}
