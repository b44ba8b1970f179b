import Foundation
import Testing

@testable import DPSEmulator

/// The pure decisions: quota, faults, ETags, paging order, routes.
struct PolicyTests {
    @Test func quotaAllowsAMinuteThenTheSteadyRate() {
        var quota = OperationQuota(operationsPerMinute: 60)
        for _ in 0..<60 { #expect(quota.take(at: 0) == .allowed) }
        guard case .throttled(let wait) = quota.take(at: 0) else {
            Issue.record("expected throttling")
            return
        }
        #expect(abs(wait - 1) < 1e-9)
        #expect(quota.take(at: 0.5) != .allowed)
        #expect(quota.take(at: 1.01) == .allowed)
        #expect(quota.take(at: 1.02) != .allowed)
        // Refills fully after a minute, never above the budget.
        for _ in 0..<60 { #expect(quota.take(at: 1000) == .allowed) }
        #expect(quota.take(at: 1000) != .allowed)
        var unlimited = OperationQuota(operationsPerMinute: 0)
        for _ in 0..<10_000 { #expect(unlimited.take(at: 0) == .allowed) }
    }

    @Test func faultsRepeatForASeedAndFollowTheRate() {
        var first = FaultPlan(rate: 0.3, seed: 42)
        var second = FaultPlan(rate: 0.3, seed: 42)
        let a = (0..<1000).map { _ in first.next() }
        let b = (0..<1000).map { _ in second.next() }
        #expect(a == b)
        let faults = a.compactMap { $0 }
        #expect((240...360).contains(faults.count))
        #expect(Set(faults) == Set(FaultPlan.Fault.allCases))
        var other = FaultPlan(rate: 0.3, seed: 43)
        #expect((0..<1000).map { _ in other.next() } != a)
        var none = FaultPlan(rate: 0, seed: 1)
        #expect((0..<100).allSatisfy { _ in none.next() == nil })
    }

    @Test(
        arguments: [
            ("abc", "abc", true), ("\"abc\"", "abc", true), ("*", "abc", true), ("abd", "abc", false),
            ("\"abc", "abc", false), ("*", nil, false),
        ] as [(String, String?, Bool)]
    )
    func entityTags(ifMatch: String, current: String?, matches: Bool) {
        #expect(EntityTag.matches(ifMatch: ifMatch, current: current) == matches)
    }

    @Test func entityTagsLookLikeTheService() {
        let tag = EntityTag.make()
        let decoded = String(data: Data(base64Encoded: tag)!, encoding: .utf8)!
        #expect(decoded.hasPrefix("\"") && decoded.hasSuffix("\"") && decoded.count == 38)
        #expect(EntityTag.make() != tag)
        // A version 4 GUID, lowercase, as Foundation writes it.
        let guid = String(decoded.dropFirst().dropLast())
        #expect(UUID(uuidString: guid)?.uuidString.lowercased() == guid)
        #expect(Array(guid)[14] == "4" && "89ab".contains(Array(guid)[19]))
    }

    /// The GUID is written as Foundation's `UUID` writes the same 16 bytes (the service's form).
    @Test(arguments: [
        (UInt64(0), UInt64(0)), (UInt64.max, UInt64.max), (0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210),
    ])
    func entityTagsWriteTheGUIDAsFoundationDoes(high: UInt64, low: UInt64) throws {
        let tag = EntityTag.make(bits: (high, low))
        let data = try #require(Data(base64Encoded: tag))
        let decoded = String(decoding: data, as: UTF8.self)
        let versioned = (high & 0xFFFF_FFFF_FFFF_0FFF | 0x4000, low & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000)
        let bytes = withUnsafeBytes(of: (versioned.0.bigEndian, versioned.1.bigEndian)) { Array($0) }
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
        #expect(decoded == "\"\(uuid.uuidString.lowercased())\"")
    }

    @Test func pagingSurvivesDeletesAndInsertsBetweenPages() {
        var store = OrderedStore<String>()
        for index in 0..<10 { store.set("v\(index)", id: "K\(index)") }
        let first = store.page(after: 0, limit: 4)
        #expect(first.items == ["v0", "v1", "v2", "v3"])
        store.remove("k4")
        store.remove("k1")
        store.set("v10", id: "k10")
        store.set("v5-new", id: "k5")
        let second = store.page(after: first.continuation!, limit: 4)
        #expect(second.items == ["v5-new", "v6", "v7", "v8"])
        let third = store.page(after: second.continuation!, limit: 4)
        #expect(third.items == ["v9", "v10"])
        #expect(third.continuation == nil)
        #expect(store.item("K5") == "v5-new")
        for index in 0..<3000 { store.set("x", id: "x\(index)") }
        for index in 0..<3000 { store.remove("x\(index)") }
        #expect(store.count == 9)
        #expect(store.all.count == 9)
    }

    @Test(arguments: [
        ("GET", "/enrollments/a", ServiceRoute.getEnrollment("a")),
        ("PUT", "/Enrollments/a%2Fb", .putEnrollment("a/b")),
        ("POST", "/enrollments/query", .queryEnrollments),
        ("GET", "/enrollments/query", .getEnrollment("query")),
        ("POST", "/enrollments", .bulkEnrollments),
        ("POST", "/enrollments/a/AttestationMechanism", .enrollmentAttestation("a")),
        ("DELETE", "/enrollmentgroups/g", .deleteGroup("g")),
        ("POST", "/enrollmentGroups/query", .queryGroups),
        ("POST", "/registrations/g/query", .queryRegistrations(group: "g")),
        ("GET", "/registrations/r", .getRegistration("r")),
        ("PUT", "/emulator/registrations/r", .recordRegistration("r")),
    ])
    func routes(method: String, path: String, route: ServiceRoute) throws {
        #expect(try ServiceRoute.match(method: method, path: path).get() == route)
    }

    @Test func unknownRoutesAndMethods() {
        #expect((try? ServiceRoute.match(method: "GET", path: "/devices/x").get()) == nil)
        if case .failure(let error) = ServiceRoute.match(method: "PATCH", path: "/enrollments/x") {
            #expect(error.status == 405)
        } else {
            Issue.record("PATCH should be refused")
        }
    }
}
