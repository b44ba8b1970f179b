import ArgumentParser
import DPSEngine

extension Concurrency: ExpressibleByArgument {
    public init?(argument: String) {
        guard let concurrency = try? Concurrency(parsing: argument) else { return nil }
        self = concurrency
    }

    public var defaultValueDescription: String { description }
}
