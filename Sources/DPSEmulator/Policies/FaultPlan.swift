/// Decides which requests fail on purpose, repeatably: the same seed gives the same faults in the same order.
///
/// With probability `rate` a request gets one of the faults, chosen uniformly. `appliedButLost` is the one that
/// matters most to clients: the write is applied, then the connection is dropped before the response, so the
/// client cannot know it succeeded.
public struct FaultPlan: Sendable {
    /// A deliberate failure.
    public enum Fault: String, CaseIterable, Sendable {
        /// 500 Internal Server Error, nothing applied.
        case internalError
        /// 503 Service Unavailable, nothing applied.
        case unavailable
        /// The connection closes without a response, nothing applied.
        case droppedConnection
        /// The response comes after a delay (`slowDelay`).
        case slowResponse
        /// The request is applied, then the connection closes without a response.
        case appliedButLost
    }

    /// The share of requests that get a fault, 0...1.
    public let rate: Double
    /// How long a slow response waits, in seconds.
    public let slowDelay: Double
    private var random: SplitMix64

    public init(rate: Double, seed: UInt64, slowDelay: Double = 2) {
        self.rate = min(max(rate, 0), 1)
        self.slowDelay = slowDelay
        self.random = SplitMix64(seed: seed)
    }

    /// The fault for the next request, or nil.
    public mutating func next() -> Fault? {
        guard rate > 0 else { return nil }
        let draw = Double(random.next() >> 11) / Double(1 << 53)
        guard draw < rate else { return nil }
        return Fault.allCases[Int(random.next() % UInt64(Fault.allCases.count))]
    }
}

/// A small, fast, seedable generator (SplitMix64), so fault runs repeat exactly.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
