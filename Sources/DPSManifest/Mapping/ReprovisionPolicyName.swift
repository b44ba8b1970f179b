import DPSModel

/// The reprovision policy names of a manifest, mapped onto the wire type.
///
/// `az iot dps enrollment create --reprovision-policy` writes `reprovisionandmigratedata`, `reprovisionandresetdata`
/// and `never`; manifests accept those, and the camel-case names dpsbulk writes, in any case.
enum ReprovisionPolicyName: String, CaseIterable {
    case reprovisionAndMigrateData
    case reprovisionAndResetData
    case neverReprovision

    /// The other names a manifest may use for a policy: az's `never`.
    static let aliases: [String: Self] = ["never": .neverReprovision]

    /// Every name a manifest may use, for messages.
    static var acceptedNames: [String] { allCases.map(\.rawValue) + aliases.keys.sorted() }

    init?(caseInsensitive text: String) {
        let lowered = text.lowercased()
        if let alias = Self.aliases[lowered] {
            self = alias
            return
        }
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else {
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
