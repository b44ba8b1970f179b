import Foundation

/// The samples of a Prometheus text-format file, as the tests read one: `name{label="value",...} number` lines
/// (dpsbulk's label values never hold a quote, comma or brace), comments skipped. The interop suite reads the same
/// files with prometheus_client's parser.
struct PrometheusSamples {
    struct Key: Hashable {
        let name: String
        let labels: [String: String]
    }

    private(set) var values: [Key: Double] = [:]
    /// The `# TYPE` of each metric name.
    private(set) var types: [String: String] = [:]

    init(_ text: String) throws {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                if parts.count == 4 { types[String(parts[2])] = String(parts[3]) }
                continue
            }
            if line.hasPrefix("#") { continue }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "bad sample: \(line)"])
            }
            let series = line[..<space]
            var name = String(series)
            var labels: [String: String] = [:]
            if let brace = series.firstIndex(of: "{"), series.hasSuffix("}") {
                name = String(series[..<brace])
                for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)].split(
                    separator: ","
                ) {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
                }
            }
            values[Key(name: name, labels: labels)] = value
        }
    }

    /// The value of one series.
    subscript(name: String, labels: [String: String]) -> Double? {
        values[Key(name: name, labels: labels)]
    }
}
