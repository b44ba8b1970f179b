import ServiceLifecycleTestKit
import Synchronization
import Testing

@testable import DPSEngine

/// A graceful shutdown stops a bounded task group from taking new work, after the work in flight has finished.
struct GracefulStopTests {
    @Test func theChildrenInFlightFinishThenNoMoreAreAdded() async throws {
        let finished = Mutex(0)
        let started = Mutex(0)
        await #expect(throws: RunInterrupted.self) {
            try await testGracefulShutdown { trigger in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    var running = 0
                    for index in 0..<100 {
                        if index == 6 { trigger.triggerGracefulShutdown() }
                        try await group.addTask(limit: 3, running: &running) {
                            started.withLock { $0 += 1 }
                            // Not cancelled: a cancelled sleep would throw and leave `finished` short.
                            try await Task.sleep(for: .milliseconds(100))
                            finished.withLock { $0 += 1 }
                        }
                    }
                    try await group.waitForAll()
                }
            }
        }
        #expect(started.withLock { $0 } == 6)
        #expect(finished.withLock { $0 } == 6)
    }

    @Test func withoutAShutdownEveryChildRuns() async throws {
        let finished = Mutex(0)
        try await testGracefulShutdown { _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                var running = 0
                for _ in 0..<20 {
                    try await group.addTask(limit: 3, running: &running) { finished.withLock { $0 += 1 } }
                }
                try await group.waitForAll()
            }
        }
        #expect(finished.withLock { $0 } == 20)
    }

    @Test func theCheckpointThrowsOnlyOnceAShutdownHasBegun() async throws {
        try await testGracefulShutdown { trigger in
            try RunInterrupted.checkpoint()
            trigger.triggerGracefulShutdown()
            #expect(throws: RunInterrupted.self) { try RunInterrupted.checkpoint() }
        }
    }
}
