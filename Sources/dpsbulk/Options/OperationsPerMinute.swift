import ArgumentParser

/// The `--operations-per-minute auto|N` options: `auto` adapts to the service's quota, a number paces at it.
enum OperationsPerMinute {
    /// Throws a usage error naming `option` unless `value` is `auto` or a positive number.
    static func validate(_ value: String, option: String = "--operations-per-minute") throws {
        if value != "auto", Int(value).map({ $0 > 0 }) != true {
            throw ValidationError("\(option) must be auto or a positive number")
        }
    }
}
