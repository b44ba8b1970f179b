import DPSClient
import DPSEmulator
import DPSEngine
import DPSJournal
import DPSModel
import Foundation
import Testing

/// Imports over real loopback HTTP into a real emulator, with a real journal.
@Suite struct ImportEngineTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

    @Test func samplesLandCompletelyAndGroupsFirst() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            for sample in ["factory-tpm.csv", "factory-x509.csv", "factory-symmetric.csv"] {
                let summary = try await ImportHarness.run(
                    Self.samples.appendingPathComponent(sample).path,
                    endpoint: endpoint,
                    journalPath: directory.appendingPathComponent("\(sample).journal").path
                )
                #expect(summary.isComplete, "\(sample): \(summary)")
                #expect(summary.succeeded == summary.total)
            }
            #expect(await registry.counts.enrollments == 18)
            let x509 = try await registry.enrollment("x509-line7-000203")
            #expect(x509.deviceId == "line7-press-000203")
            // mixed.jsonl shares no ID with the factory samples (they validate together): its 5 items are new.
            let mixed = try await ImportHarness.run(
                Self.samples.appendingPathComponent("mixed.jsonl").path,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("mixed-after.journal").path
            )
            #expect(mixed.isComplete && mixed.conflicts == 0 && mixed.succeeded == 5)
            #expect(await registry.counts.enrollments == 21)
            return true
        }
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            let summary = try await ImportHarness.run(
                Self.samples.appendingPathComponent("mixed.jsonl").path,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("mixed.journal").path
            )
            #expect(summary.isComplete && summary.succeeded == 5)
            let counts = await registry.counts
            #expect(counts.enrollments == 3 && counts.groups == 2)
            let unknown = try await registry.enrollment("sym-line5-000601").unknownFields
            #expect(unknown["aFieldFromANewerServiceVersion"] != nil)
            return true
        }
    }

    @Test func invalidRowsAreSkippedAndNeverSentStrictSendsNothing() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(
            count: 25,
            extraRows: ["bad id,symmetricKey,,,enabled,", "dev-3,symmetricKey,,,enabled,"],
            in: directory
        )
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            await #expect(throws: ImportRefused.self) {
                _ = try await ImportHarness.run(
                    manifest,
                    endpoint: endpoint,
                    journalPath: directory.appendingPathComponent("strict.journal").path
                ) { $0.strict = true }
            }
            #expect(await registry.counts.enrollments == 0)
            let summary = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("run.journal").path
            )
            #expect(summary.total == 27 && summary.succeeded == 25 && summary.skipped == 2 && !summary.isComplete)
            #expect(summary.requests == 3)
            #expect(await registry.counts.enrollments == 25)
            return true
        }
    }

    @Test func resumingSendsNothingTwice() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 40, in: directory)
        let journal = directory.appendingPathComponent("run.journal").path
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, _ in
            let first = try await ImportHarness.run(manifest, endpoint: endpoint, journalPath: journal)
            #expect(first.succeeded == 40 && first.requests == 4)
            let second = try await ImportHarness.run(manifest, endpoint: endpoint, journalPath: journal)
            #expect(second.succeeded == 40 && second.requests == 0 && second.resumed)
            return true
        }
    }

    @Test func batchesRunAcrossTheReadingChunks() async throws {
        // 2,500 rows are read in chunks of 1,024: a chunk's last partial batch is completed from the next chunk, so
        // the run takes 250 requests, as the dry run counts them, not 252.
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 2500, in: directory)
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            let summary = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("run.journal").path,
                configure: { $0.pace = .perMinute(1_000_000) }
            )
            #expect(summary.succeeded == 2500 && summary.requests == 250, "\(summary)")
            #expect(await registry.counts.enrollments == 2500)
            return true
        }
    }

    @Test func faultsStillLandEveryRowExactlyOnce() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 300, in: directory)
        _ = try await EmulatorServer.withRunning(
            {
                var c = EmulatorConfiguration()
                c.faultRate = 0.3
                c.seed = 11
                c.slowResponseDelay = 0.05
                return c
            }()
        ) { endpoint, registry in
            let summary = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("f.journal").path
            ) { $0.concurrency = .default }
            #expect(summary.isComplete, "\(summary)")
            #expect(summary.succeeded == 300 && summary.conflicts == 0 && summary.retries > 0)
            #expect(await registry.counts.enrollments == 300)
            let keys = try await registry.enrollmentAttestation("dev-17").symmetricKey
            #expect(keys?.primaryKey == ImportHarness.key(17, 1))
            return true
        }
    }

    @Test func throttlingIsRetriedAfterRetryAfter() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 300, in: directory)
        _ = try await EmulatorServer.withRunning(
            {
                var c = EmulatorConfiguration()
                c.operationsPerMinute = 120
                return c
            }()
        ) { endpoint, registry in
            // Spend the burst first so the import meets the steady rate (2 operations a second).
            let http = try HTTPClientFactory.make(connections: 1)
            let client = DPSServiceClient(
                connectionString: try ConnectionString(parsing: endpoint.connectionString),
                http: http
            )
            // Until the service throttles, however slowly this loop runs on a loaded machine.
            var throttledOnce = false
            for _ in 0..<10_000 where !throttledOnce {
                do throws(DPSRequestError) {
                    _ = try await client.enrollment("warm-up")
                } catch {
                    if case .service(429, _, _, _) = error.kind { throttledOnce = true }
                }
            }
            #expect(throttledOnce)
            try await http.shutdown()
            let summary = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("t.journal").path
            ) {
                $0.retryPolicy = .standard
                $0.pace = .perMinute(6000)  // faster than the service allows: it must throttle
            }
            #expect(summary.isComplete && summary.succeeded == 300)
            #expect(summary.throttled > 0)
            #expect(await registry.counts.enrollments == 300)
            return true
        }
    }

    @Test func modesAndConflicts() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 15, in: directory)
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            // Someone else enrolled dev-4 with other keys: a create reports a conflict, not a success.
            let http = try HTTPClientFactory.make(connections: 1)
            let client = DPSServiceClient(
                connectionString: try ConnectionString(parsing: endpoint.connectionString),
                http: http
            )
            _ = try await client.put(
                IndividualEnrollment(
                    registrationId: "dev-4",
                    attestation: AttestationMechanism(type: .symmetricKey, symmetricKey: SymmetricKeyAttestation())
                )
            )
            try await http.shutdown()
            let created = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("c.journal").path
            )
            #expect(created.succeeded == 14 && created.conflicts == 1)

            let upserted = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("u.journal").path
            ) { $0.mode = .upsert }
            #expect(upserted.succeeded == 15 && upserted.requests == 4)
            let keys = try await registry.enrollmentAttestation("dev-4").symmetricKey
            #expect(keys?.primaryKey == ImportHarness.key(4, 1))

            let updated = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("p.journal").path
            ) { $0.mode = .update }
            #expect(updated.succeeded == 15)

            let deleted = try await ImportHarness.run(
                manifest,
                endpoint: endpoint,
                journalPath: directory.appendingPathComponent("d.journal").path
            ) { $0.mode = .delete }
            #expect(deleted.succeeded == 15)
            #expect(await registry.counts.enrollments == 0)
            return true
        }
    }

    @Test func badCredentialsStopTheRunAtOnce() async throws {
        let directory = try ImportHarness.temporaryDirectory()
        let manifest = try ImportHarness.symmetricManifest(count: 30, in: directory)
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            await #expect(throws: RunStopped.self) {
                _ = try await ImportHarness.run(
                    manifest,
                    endpoint: endpoint,
                    journalPath: directory.appendingPathComponent("b.journal").path,
                    key: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
                )
            }
            #expect(await registry.counts.enrollments == 0)
            return true
        }
    }
}
