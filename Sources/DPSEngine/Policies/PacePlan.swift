/// How a run paces its requests, decided from the pace asked for and what is known of the quota.
///
/// | `--operations-per-minute` | quota known        | plan                                 |
/// |---------------------------|--------------------|--------------------------------------|
/// | `N`                       | any                | ``fixed(operationsPerMinute:)`` at N  |
/// | `auto`                    | ``KnownQuota/unlimited`` | ``unpaced``: no wait, nothing shared |
/// | `auto`                    | `Q` a minute       | ``fixed(operationsPerMinute:)`` at Q  |
/// | `auto`                    | ``KnownQuota/unknown``   | ``adaptive``: slow start, then 429s  |
///
/// So `auto` against the embedded emulator (its quota known: none by default) never slow-starts at 1,000 a
/// minute, and a number given by the user always wins.
public enum PacePlan: Sendable, Hashable {
    /// Send as soon as a request is ready.
    case unpaced
    /// Exactly this many operations a minute.
    case fixed(operationsPerMinute: Int)
    /// Discover the quota from 429s (``AdaptiveRate``).
    case adaptive

    /// The plan for `pace` against an instance whose quota is `known`.
    public init(pace: Pace, known: KnownQuota) {
        switch (pace, known) {
        case (.perMinute(let number), _): self = .fixed(operationsPerMinute: number)
        case (.auto, .unlimited): self = .unpaced
        case (.auto, .perMinute(let quota)): self = .fixed(operationsPerMinute: quota)
        case (.auto, .unknown): self = .adaptive
        }
    }

    /// What run summaries call it: `unpaced`, `auto` or the fixed number a minute.
    public var description: String {
        switch self {
        case .unpaced: "unpaced"
        case .fixed(let number): String(number)
        case .adaptive: "auto"
        }
    }
}
