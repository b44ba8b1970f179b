import DPSModel

/// The reprovision policy names `az iot dps` uses, mapped onto the wire type.
enum ReprovisionPolicyName: String, CaseIterable {
    case reprovisionAndMigrateData
    case reprovisionAndResetData
    case neverReprovision

    init?(caseInsensitive text: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
            return nil
        }
        self = match
    }

    var policy: ReprovisionPolicy {
        switch self {
        case .reprovisionAndMigrateData: ReprovisionPolicy(updateHubAssignment: true, migrateDeviceData: true)
        case .reprovisionAndResetData: ReprovisionPolicy(updateHubAssignment: true, migrateDeviceData: false)
        case .neverReprovision: ReprovisionPolicy(updateHubAssignment: false, migrateDeviceData: false)
        }
    }

    init?(_ policy: ReprovisionPolicy) {
        switch (policy.updateHubAssignment, policy.migrateDeviceData) {
        case (true, true): self = .reprovisionAndMigrateData
        case (true, false): self = .reprovisionAndResetData
        case (false, false): self = .neverReprovision
        case (false, true): return nil
        }
    }
}
