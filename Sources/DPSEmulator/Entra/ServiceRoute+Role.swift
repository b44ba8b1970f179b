extension ServiceRoute {
    /// Whether the route needs the Data Contributor role: writes, and the attestation mechanism read (its own
    /// data action, which the Data Reader role does not hold).
    var needsContributor: Bool {
        switch self {
        case .enrollmentAttestation, .groupAttestation: true
        default: isWrite
        }
    }
}
