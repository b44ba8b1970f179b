import DPSClient
import DPSEmulator
import DPSEngine
import DPSJournal
import DPSModel
import Foundation
import Testing

/// Migrations between two real in-process emulators, with a real journal file.
@Suite struct MigrateEngineTests {
    static let samples = ImportEngineTests.samples

    /// Migrates from `source` to `target` with a journal at `journalPath`.
    static func migrate(
        from source: EmulatorEndpoint,
        to target: EmulatorEndpoint,
        journalPath: String,
        configure: (inout MigrateConfiguration) -> Void = { _ in }
    ) async throws -> RunSummary {
        var configuration = MigrateConfiguration()
        configuration.includeGroups = true
        configuration.pageSize = 4
        configuration.retryPolicy = try RetryPolicy(maximumAttempts: 10, baseDelay: 0.01, maximumDelay: 0.2)
        configure(&configuration)
        let sourceConnection = try ConnectionString(parsing: source.connectionString)
        let targetConnection = try ConnectionString(parsing: target.connectionString)
        let http = try HTTPClientFactory.make(connections: 4)
        let journal = try Journal.open(
            at: journalPath,
            run: try descriptor(sourceConnection, targetConnection, configuration)
        )
        do {
            let summary = try await MigrateEngine(
                configuration: configuration,
                source: DPSServiceClient(connectionString: sourceConnection, http: http),
                target: DPSServiceClient(connectionString: targetConnection, http: http),
                journal: journal
            ).run()
            try journal.close()
            try await http.shutdown()
            return summary
        } catch {
            try? journal.close()
            try? await http.shutdown()
            throw error
        }
    }

    static func descriptor(
        _ source: ConnectionString,
        _ target: ConnectionString,
        _ configuration: MigrateConfiguration
    ) throws -> RunDescriptor {
        try RunDescriptor(
            manifestPath: "dps://\(source.host)",
            manifestSHA256: String(repeating: "a", count: 64),
            targetHost: TargetHost(target.host),
            mode: configuration.mode,
            dpsbulkVersion: "test"
        )
    }

    static func expectSameContent(
        _ source: ([String: IndividualEnrollment], [String: EnrollmentGroup]),
        _ target: ([String: IndividualEnrollment], [String: EnrollmentGroup])
    ) {
        #expect(Set(target.0.keys) == Set(source.0.keys))
        #expect(Set(target.1.keys) == Set(source.1.keys))
        for (id, original) in source.0 {
            guard let copy = target.0[id] else { continue }
            #expect(ContentComparison.differences(expected: original, actual: copy).isEmpty, "\(id)")
            #expect(copy.attestation.symmetricKey?.primaryKey == original.attestation.symmetricKey?.primaryKey)
            #expect(copy.attestation.symmetricKey?.secondaryKey == original.attestation.symmetricKey?.secondaryKey)
            #expect(copy.unknownFields == original.unknownFields, "\(id)")
        }
        for (id, original) in source.1 {
            guard let copy = target.1[id] else { continue }
            #expect(ContentComparison.differences(expected: original, actual: copy).isEmpty, "\(id)")
            #expect(copy.attestation.symmetricKey?.primaryKey == original.attestation.symmetricKey?.primaryKey)
        }
    }

    @Test func migrationGivesTheTargetTheSourcesContentWithKeysAndCertificates() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EmulatorServer.withRunning(EmulatorConfiguration()) { source, sourceRegistry in
            try await ImportHarness.loadSamples(source, in: directory)
            let expected = try await ExportEngineTests.content(sourceRegistry)
            #expect(expected.0.values.contains { $0.unknownFields["aFieldFromANewerServiceVersion"] != nil })
            try await EmulatorServer.withRunning(EmulatorConfiguration()) { target, targetRegistry in
                let journal = directory.appendingPathComponent("migrate.journal").path
                let summary = try await Self.migrate(from: source, to: target, journalPath: journal)
                #expect(summary.isComplete, "\(summary)")
                #expect(summary.total == 17 && summary.succeeded == 17)
                Self.expectSameContent(expected, try await ExportEngineTests.content(targetRegistry))
                // Run again: the journal is complete, nothing is read into it or sent twice.
                let again = try await Self.migrate(from: source, to: target, journalPath: journal)
                #expect(again.total == 17 && again.succeeded == 17 && again.conflicts == 0)
                #expect(again.requests == 0)
            }
        }
    }

    @Test func aMigrationStoppedMidwayResumesWithoutConflictsOrLosses() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EmulatorServer.withRunning(EmulatorConfiguration()) { source, sourceRegistry in
            let manifest = try ImportHarness.symmetricManifest(count: 400, in: directory)
            #expect(try await ImportHarness.run(manifest, endpoint: source, journalPath: manifest + ".j").isComplete)
            let expected = try await ExportEngineTests.content(sourceRegistry)
            // The target drops 10% of the requests' connections (some after applying the write), so requests
            // are in doubt, and the first session is cancelled while it runs.
            var targetConfiguration = EmulatorConfiguration()
            targetConfiguration.faultRate = 0.1
            targetConfiguration.seed = 7
            try await EmulatorServer.withRunning(targetConfiguration) { target, targetRegistry in
                let journal = directory.appendingPathComponent("migrate.journal").path
                let first = Task {
                    try await Self.migrate(from: source, to: target, journalPath: journal) { $0.pageSize = 50 }
                }
                while await targetRegistry.queryEnrollments(after: 0, limit: 1000).items.count < 120 {
                    try await Task.sleep(for: .milliseconds(5))
                }
                first.cancel()
                _ = await first.result
                let stopped = try Journal.openForReading(at: journal)
                let left = try stopped.summary()
                try stopped.close()
                #expect(
                    left[.pending] + left[.inFlight] > 0 || left.total < 400,
                    "the first session did not stop early"
                )
                let resumed = try await Self.migrate(from: source, to: target, journalPath: journal) {
                    $0.pageSize = 50
                }
                #expect(resumed.isComplete, "\(resumed)")
                #expect(resumed.total == 400 && resumed.succeeded == 400 && resumed.conflicts == 0)
                Self.expectSameContent(expected, try await ExportEngineTests.content(targetRegistry))
            }
        }
    }

    @Test func existingTargetItemsAreConflictsInCreateModeAndReplacedInUpsertMode() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EmulatorServer.withRunning(EmulatorConfiguration()) { source, sourceRegistry in
            let manifest = try ImportHarness.symmetricManifest(count: 12, in: directory)
            #expect(try await ImportHarness.run(manifest, endpoint: source, journalPath: manifest + ".j").isComplete)
            let expected = try await ExportEngineTests.content(sourceRegistry)
            try await EmulatorServer.withRunning(EmulatorConfiguration()) { target, targetRegistry in
                // dev-3 already exists on the target with other keys and no twin.
                let other = try ImportHarness.symmetricManifest(
                    count: 0,
                    prefix: "other",
                    extraRows: [
                        "dev-3,symmetricKey,\(ImportHarness.key(99, 1)),\(ImportHarness.key(99, 2)),disabled,"
                    ],
                    in: directory
                )
                #expect(try await ImportHarness.run(other, endpoint: target, journalPath: other + ".j").isComplete)
                // dev-0 already exists on the target with the same content (an earlier, partial migration).
                let same = directory.appendingPathComponent("same")
                try FileManager.default.createDirectory(at: same, withIntermediateDirectories: true)
                let first = try ImportHarness.symmetricManifest(count: 1, in: same)
                #expect(try await ImportHarness.run(first, endpoint: target, journalPath: first + ".j").isComplete)
                let created = try await Self.migrate(
                    from: source,
                    to: target,
                    journalPath: directory.appendingPathComponent("c.journal").path
                )
                #expect(created.succeeded == 11 && created.conflicts == 1, "\(created)")
                let conflict = try await targetRegistry.enrollmentAttestation("dev-3")
                #expect(conflict.symmetricKey?.primaryKey == ImportHarness.key(99, 1))
                let upserted = try await Self.migrate(
                    from: source,
                    to: target,
                    journalPath: directory.appendingPathComponent("u.journal").path
                ) { $0.mode = .upsert }
                #expect(upserted.isComplete && upserted.succeeded == 12)
                Self.expectSameContent(expected, try await ExportEngineTests.content(targetRegistry))
                // Delete undoes the migration: the source's items leave the target, its own stay.
                let deleted = try await Self.migrate(
                    from: source,
                    to: target,
                    journalPath: directory.appendingPathComponent("d.journal").path
                ) { $0.mode = .delete }
                #expect(deleted.isComplete && deleted.succeeded == 12, "\(deleted)")
                #expect(await targetRegistry.queryEnrollments(after: 0, limit: 100).items.isEmpty)
            }
        }
    }

    @Test func hubsAreRenamedOnTheWay() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EmulatorServer.withRunning(EmulatorConfiguration()) { source, _ in
            try await ImportHarness.loadSamples(source, in: directory)
            try await EmulatorServer.withRunning(EmulatorConfiguration()) { target, targetRegistry in
                let summary = try await Self.migrate(
                    from: source,
                    to: target,
                    journalPath: directory.appendingPathComponent("m.journal").path
                ) { $0.hubMap = try! HubMap(pairs: ["FACTORY-hub.azure-devices.net=west-hub.azure-devices.net"]) }
                #expect(summary.isComplete)
                let (enrollments, groups) = try await ExportEngineTests.content(targetRegistry)
                let hubs =
                    enrollments.values.flatMap { [$0.iotHubHostName].compactMap { $0 } + ($0.iotHubs ?? []) }
                    + groups.values.flatMap { [$0.iotHubHostName].compactMap { $0 } + ($0.iotHubs ?? []) }
                #expect(hubs.contains("west-hub.azure-devices.net"))
                #expect(!hubs.contains("factory-hub.azure-devices.net"))
            }
        }
    }

    @Test func aRecordDeletedFromTheSourceBeforeItWasSentFailsWithTheReason() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        try await EmulatorServer.withRunning(EmulatorConfiguration()) { source, _ in
            let manifest = try ImportHarness.symmetricManifest(count: 6, in: directory)
            #expect(try await ImportHarness.run(manifest, endpoint: source, journalPath: manifest + ".j").isComplete)
            try await EmulatorServer.withRunning(EmulatorConfiguration()) { target, targetRegistry in
                // A session journalled the last page, holding "ghost" and dev-0, and died before sending it; ghost
                // was deleted from the source since.
                let path = directory.appendingPathComponent("m.journal").path
                var configuration = MigrateConfiguration()
                configuration.includeGroups = true
                let journal = try Journal.open(
                    at: path,
                    run: try Self.descriptor(
                        try ConnectionString(parsing: source.connectionString),
                        try ConnectionString(parsing: target.connectionString),
                        configuration
                    )
                )
                try journal.addRecords(
                    [
                        NewRecord(ordinal: 0, line: 1, identifier: "ghost", kind: .enrollment),
                        NewRecord(ordinal: 1, line: 2, identifier: "dev-0", kind: .enrollment),
                    ],
                    advancingTo: SourceCursor(phase: .finished, nextOrdinal: 2)
                )
                try journal.close()
                let summary = try await Self.migrate(from: source, to: target, journalPath: path)
                #expect(summary.total == 2 && summary.failed == 1 && summary.succeeded == 1)
                let reader = try Journal.openForReading(at: path)
                let ghost = try #require(try reader.record(ordinal: 0))
                try reader.close()
                #expect(ghost.state == .failed && ghost.reason?.contains("deleted from the source") == true)
                #expect(
                    await targetRegistry.queryEnrollments(after: 0, limit: 100).items.map(\.registrationId) == ["dev-0"]
                )
            }
        }
    }

    @Test func hubMapsRefuseWhatIsNotAPair() {
        #expect(throws: HubMapError.self) { try HubMap(pairs: ["a.azure-devices.net"]) }
        #expect(throws: HubMapError.self) { try HubMap(pairs: ["a=b", "A=c"]) }
        #expect(throws: HubMapError.self) { try HubMap(pairs: ["=b"]) }
        #expect((try? HubMap(pairs: ["a=b", "A=b"]))?.replacements == ["a": "b"])
    }
}
