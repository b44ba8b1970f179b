import DPSClient
import DPSEmulator
import DPSEngine
import DPSModel
import Foundation
import Testing

/// Export → import into an empty instance gives the same content; the file format round-trips.
@Suite struct ExportEngineTests {
    static let samples = ImportEngineTests.samples

    static func export(
        _ endpoint: EmulatorEndpoint,
        to path: String,
        configure: (inout ExportConfiguration) -> Void
    ) async throws -> ExportSummary {
        var configuration = ExportConfiguration()
        configure(&configuration)
        let http = try HTTPClientFactory.make(connections: 2)
        let client = DPSServiceClient(
            connectionString: try ConnectionString(parsing: endpoint.connectionString),
            http: http
        )
        do {
            let summary = try await ExportEngine(configuration: configuration, client: client, source: endpoint.host)
                .run(to: path)
            try await http.shutdown()
            return summary
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// Every enrollment and group of `registry`, with their keys and certificates.
    static func content(
        _ registry: Registry
    ) async throws -> ([String: IndividualEnrollment], [String: EnrollmentGroup]) {
        var enrollments: [String: IndividualEnrollment] = [:]
        var groups: [String: EnrollmentGroup] = [:]
        for enrollment in await registry.queryEnrollments(after: 0, limit: 10_000).items {
            var full = enrollment
            full.attestation = try await registry.enrollmentAttestation(enrollment.registrationId)
            enrollments[enrollment.registrationId] = full
        }
        for group in await registry.queryGroups(after: 0, limit: 1000).items {
            var full = group
            full.attestation = try await registry.groupAttestation(group.enrollmentGroupId)
            groups[group.enrollmentGroupId] = full
        }
        return (enrollments, groups)
    }

    @Test(arguments: [ExportConfiguration.Format.jsonLines, .csv])
    func exportThenImportIntoAnEmptyInstanceGivesTheSameContent(format: ExportConfiguration.Format) async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let file = directory.appendingPathComponent(format == .csv ? "backup.csv" : "backup.jsonl").path
        let source = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            try await ImportHarness.loadSamples(endpoint, in: directory)
            let exported = try await Self.export(endpoint, to: file) {
                $0.format = format
                $0.includeGroups = true
                $0.includeKeys = true
                $0.pageSize = 4
            }
            #expect(exported.enrollments == 15 && exported.groups == 2 && exported.containsSecrets)
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let sidecar = try String(contentsOfFile: file + ".sha256", encoding: .utf8)
            #expect(sidecar.hasPrefix(exported.sha256))
            #expect(!FileManager.default.fileExists(atPath: file + ".partial"))
            return try await Self.content(registry)
        }
        let restored = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            let summary = try await ImportHarness.run(
                file,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("restore.journal").path
            )
            #expect(summary.isComplete, "\(summary)")
            return try await Self.content(registry)
        }
        #expect(Set(restored.0.keys) == Set(source.0.keys))
        #expect(Set(restored.1.keys) == Set(source.1.keys))
        for (id, original) in source.0 {
            let copy = try #require(restored.0[id])
            #expect(ContentComparison.differences(expected: original, actual: copy).isEmpty, "\(id)")
            #expect(copy.attestation.symmetricKey?.primaryKey == original.attestation.symmetricKey?.primaryKey)
        }
        for (id, original) in source.1 {
            let copy = try #require(restored.1[id])
            #expect(ContentComparison.differences(expected: original, actual: copy).isEmpty, "\(id)")
        }
        if format == .jsonLines {
            #expect(restored.0["sym-line5-000601"]?.unknownFields["aFieldFromANewerServiceVersion"] != nil)
        }
    }

    @Test func registrationStatesOfEveryGroupGoToTheirOwnFile() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let registrations = directory.appendingPathComponent("registrations.jsonl").path
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            let summary = try await ImportHarness.run(
                Self.samples.appendingPathComponent("mixed.jsonl").path,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("m.journal").path
            )
            #expect(summary.isComplete)
            for index in 0..<5 {
                _ = try await registry.recordRegistration(
                    "line7-dev-\(index)",
                    enrollmentGroupId: "line7-x509-group",
                    assignedHub: "h.azure-devices.net",
                    deviceId: nil
                )
            }
            _ = try await registry.recordRegistration(
                "sym-dev",
                enrollmentGroupId: "line5-sym-group",
                assignedHub: nil,
                deviceId: nil
            )
            let exported = try await Self.export(endpoint, to: directory.appendingPathComponent("e.jsonl").path) {
                $0.registrationsPath = registrations
                $0.pageSize = 2
            }
            #expect(exported.registrations == 6)
            let lines = try String(contentsOfFile: registrations, encoding: .utf8).split(separator: "\n")
            let objects = try lines.map {
                try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)).objectValue ?? [:]
            }
            #expect(objects.count == 6)
            #expect(objects.filter { $0["enrollmentGroupId"] == .string("line7-x509-group") }.count == 5)
            #expect(Set(objects.compactMap { $0["registrationId"]?.stringValue }).count == 6)
            #expect(FileManager.default.fileExists(atPath: registrations + ".sha256"))
            return true
        }
    }
}
