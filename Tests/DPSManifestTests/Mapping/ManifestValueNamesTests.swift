import DPSModel
import Testing

@testable import DPSManifest

/// The CSV value names of reprovision policy, allocation policy and provisioning status, as `az iot dps` writes
/// them (lowercase, `never`) and in any case.
struct ManifestValueNamesTests {
    static let header =
        "registrationId,attestation,endorsementKey,allocationPolicy,provisioningStatus,reprovisionPolicy\n"

    static func enrollment(
        _ allocation: String,
        _ status: String,
        _ reprovision: String
    ) throws
        -> (IndividualEnrollment?, [Finding])
    {
        let path = try ManifestReaderTests.write(
            header + "dev-1,tpm,AAAA,\(allocation),\(status),\(reprovision)\n",
            name: "names.csv"
        )
        let records = try ManifestReaderTests.records(path)
        let findings = records.first?.readFindings ?? []
        guard case .enrollment(let enrollment) = records.first?.entry else { return (nil, findings) }
        return (enrollment, findings)
    }

    @Test(arguments: [
        ("never", ReprovisionPolicy(updateHubAssignment: false, migrateDeviceData: false)),
        ("NEVER", ReprovisionPolicy(updateHubAssignment: false, migrateDeviceData: false)),
        ("neverReprovision", ReprovisionPolicy(updateHubAssignment: false, migrateDeviceData: false)),
        ("reprovisionandmigratedata", ReprovisionPolicy(updateHubAssignment: true, migrateDeviceData: true)),
        ("reprovisionandresetdata", ReprovisionPolicy(updateHubAssignment: true, migrateDeviceData: false)),
        ("ReprovisionAndResetData", ReprovisionPolicy(updateHubAssignment: true, migrateDeviceData: false)),
    ])
    func reprovisionPolicyTakesAzNamesInAnyCase(name: String, policy: ReprovisionPolicy) throws {
        let (enrollment, findings) = try Self.enrollment("hashed", "enabled", name)
        #expect(findings.isEmpty)
        #expect(enrollment?.reprovisionPolicy == policy)
    }

    @Test func anUnknownReprovisionPolicyNamesTheAcceptedOnes() throws {
        let (_, findings) = try Self.enrollment("hashed", "enabled", "sometimes")
        let finding = try #require(findings.first)
        #expect(finding.code == ManifestCodes.unknownReprovisionPolicy)
        #expect(finding.message.contains("never"))
        #expect(finding.message.contains("reprovisionAndResetData"))
    }

    @Test(arguments: [
        ("geolatency", AllocationPolicy.geoLatency), ("GeoLatency", .geoLatency), ("HASHED", .hashed),
        ("static", .static), ("Custom", .custom),
    ])
    func allocationPolicyTakesAnyCase(name: String, policy: AllocationPolicy) throws {
        let (enrollment, _) = try Self.enrollment(name, "enabled", "never")
        #expect(enrollment?.allocationPolicy == policy)
        #expect(enrollment?.allocationPolicy?.isKnown == true)
    }

    @Test(arguments: [("Enabled", ProvisioningStatus.enabled), ("DISABLED", .disabled), ("enabled", .enabled)])
    func provisioningStatusTakesAnyCase(name: String, status: ProvisioningStatus) throws {
        let (enrollment, _) = try Self.enrollment("hashed", name, "never")
        #expect(enrollment?.provisioningStatus == status)
    }

    @Test func anUnknownAllocationPolicyIsKeptForValidationToReport() throws {
        let (enrollment, _) = try Self.enrollment("nearest", "enabled", "never")
        #expect(enrollment?.allocationPolicy?.rawValue == "nearest")
        #expect(enrollment?.allocationPolicy?.isKnown == false)
    }
}
