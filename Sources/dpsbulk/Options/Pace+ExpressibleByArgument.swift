import ArgumentParser
import DPSEngine

extension Pace: ExpressibleByArgument {
    public init?(argument: String) {
        guard let pace = try? Pace(parsing: argument) else { return nil }
        self = pace
    }

    public var defaultValueDescription: String { description }
}
