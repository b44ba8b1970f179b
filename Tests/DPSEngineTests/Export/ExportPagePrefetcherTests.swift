import DPSClient
import DPSEmulator
import DPSModel
import Foundation
import Testing

@testable import DPSEngine

/// The pages of an export are fetched ahead, in order, groups first, each with the position after it; never more
/// than `ahead` beyond those the writer has taken.
@Suite struct ExportPagePrefetcherTests {
    /// Runs `body` with a source instance reading, `pageSize` items a page, an emulator holding the samples'
    /// 15 enrollments and 2 groups.
    static func withSource(
        pageSize: Int,
        _ body: @escaping @Sendable (SourceInstance, SessionCounters, Registry) async throws -> Void
    ) async throws {
        let directory = try ImportHarness.temporaryDirectory()
        _ = try await EmulatorServer.withRunning(EmulatorConfiguration()) { endpoint, registry in
            try await ImportHarness.loadSamples(endpoint, in: directory)
            let http = try HTTPClientFactory.make(connections: 2)
            let counters = SessionCounters(metrics: RunMetrics(command: .export))
            let source = SourceInstance(
                client: DPSServiceClient(
                    connectionString: try ConnectionString(parsing: endpoint.connectionString),
                    http: http
                ),
                gate: try RateGate(plan: .unpaced),
                retryPolicy: .standard,
                counters: counters,
                pageSize: pageSize
            )
            do {
                try await body(source, counters, registry)
                try await http.shutdown()
            } catch {
                try? await http.shutdown()
                throw error
            }
            return true
        }
    }

    static let start = ExportCheckpoint(
        phase: .groups,
        continuation: nil,
        bytes: 0,
        enrollments: 0,
        groups: 0,
        byAttestation: [:],
        source: "test"
    )

    @Test func everyPageComesInOrderGroupsFirstWithThePositionAfterIt() async throws {
        try await Self.withSource(pageSize: 2) { source, _, registry in
            let (pages, sink) = AsyncThrowingStream.makeStream(of: ExportPagePrefetcher.Fetched.self)
            let (taken, took) = AsyncStream.makeStream(of: Void.self)
            let prefetcher = ExportPagePrefetcher(instance: source, ahead: 3)
            async let walk: Void = prefetcher.run(from: Self.start, into: sink, taken: taken)
            var identifiers: [String] = []
            var afters: [ExportCheckpoint?] = []
            for try await page in pages {
                identifiers += try page.raw.decoded().map(\.identifier)
                afters.append(page.after)
                took.yield()
            }
            await walk
            let groups = await registry.queryGroups(after: 0, limit: 100).items.map(\.enrollmentGroupId)
            let enrollments = await registry.queryEnrollments(after: 0, limit: 100).items.map(\.registrationId)
            #expect(groups.count == 2 && enrollments.count == 15)
            #expect(identifiers == groups + enrollments)
            #expect(afters.count == 1 + 8)  // 2 groups in one page, then 15 enrollments in pages of 2
            #expect(afters.first??.phase == .enrollments && afters.first??.continuation == nil)
            #expect(afters.dropFirst().dropLast().allSatisfy { $0?.phase == .enrollments && $0?.continuation != nil })
            #expect(afters.last == .some(nil))
        }
    }

    @Test func noMoreThanAheadPagesAreRequestedBeyondThoseTaken() async throws {
        try await Self.withSource(pageSize: 1) { source, counters, _ in
            let (pages, sink) = AsyncThrowingStream.makeStream(of: ExportPagePrefetcher.Fetched.self)
            let (taken, took) = AsyncStream.makeStream(of: Void.self)
            let prefetcher = ExportPagePrefetcher(instance: source, ahead: 2)
            async let walk: Void = prefetcher.run(from: Self.start, into: sink, taken: taken)
            var received = pages.makeAsyncIterator()
            _ = try await received.next()
            try await Task.sleep(for: .milliseconds(500))  // time enough to run ahead, were it allowed to
            #expect(counters.snapshot.requests == 2)
            took.yield()
            _ = try await received.next()
            try await Task.sleep(for: .milliseconds(500))
            #expect(counters.snapshot.requests == 3)
            var count = 2
            took.yield()
            while try await received.next() != nil {
                count += 1
                took.yield()
            }
            await walk
            #expect(count == 17)
            #expect(counters.snapshot.requests == 17)
        }
    }
}
