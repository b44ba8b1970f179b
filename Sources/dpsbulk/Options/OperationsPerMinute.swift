import ArgumentParser

/// The `--operations-per-minute auto|N` options: `auto` adapts to the service's quota, a number paces at it.
enum OperationsPerMinute {
    /// The highest pace accepted: 100,000,000 a minute, far past any real instance (1,000 operations a minute per
    /// unit) but what benchmarks use for "unthrottled", and small enough that no rate or duration computed from
    /// it overflows.
    static let maximum = 100_000_000

    /// Throws a usage error naming `option` unless `value` is `auto` or a number in `1...maximum`.
    static func validate(_ value: String, option: String = "--operations-per-minute") throws {
        if value != "auto", Int(value).map({ (1...maximum).contains($0) }) != true {
            throw ValidationError("\(option) must be auto or a number from 1 to \(maximum)")
        }
    }
}
