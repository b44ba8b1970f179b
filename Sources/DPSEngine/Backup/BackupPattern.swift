import Foundation

/// An `--out` template (`backups/{host}-{date}.jsonl.gz.age`) as a pattern over file names: which files in its
/// folder are backups of the same series, and the date and time their names hold.
///
/// `{date}` matches `YYYY-MM-DD`, `{time}` `HHMMSS`, `{host}` the host given; everything else matches itself.
/// Placeholders in the folder part are not supported: the folder is taken as written.
public struct BackupPattern: Sendable {
    /// The folder the backups are in.
    public let directory: String
    private let parts: [Part]

    private enum Part: Equatable {
        case literal(String)
        case date
        case time
    }

    /// A match: the file's path and the sort key its name holds (`YYYY-MM-DD HHMMSS`, the parts present).
    public struct Match: Sendable, Equatable {
        public var path: String
        public var stamp: String
        /// The date the name holds, midnight UTC, when it holds one.
        public var date: Date?
    }

    /// The pattern of `template` for `host`.
    ///
    /// - Throws: ``BackupPatternError`` when the folder part holds a placeholder.
    public init(template: String, host: String) throws {
        let url = URL(fileURLWithPath: template)
        let name = url.lastPathComponent
        let folder = (template as NSString).deletingLastPathComponent
        guard !folder.contains("{") else {
            throw BackupPatternError(message: "placeholders in the folder of --out (\(folder)) are not supported")
        }
        directory = folder.isEmpty ? "." : folder
        var parts: [Part] = []
        var rest = Substring(name.replacingOccurrences(of: "{host}", with: host))
        while let next = Self.nextPlaceholder(in: rest) {
            if next.range.lowerBound > rest.startIndex {
                parts.append(.literal(String(rest[..<next.range.lowerBound])))
            }
            parts.append(next.part)
            rest = rest[next.range.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    /// Whether the template names a series (holds `{date}` or `{time}`); without one, every run writes one file.
    public var isSeries: Bool { parts.contains { $0 == .date || $0 == .time } }

    /// The match for a file name in ``directory``, or nil when it is not a backup of this series (sidecars,
    /// partial files and checkpoints are not).
    public func match(name: String) -> Match? {
        var rest = Substring(name)
        var date = ""
        var time = ""
        for part in parts {
            switch part {
            case .literal(let text):
                guard rest.hasPrefix(text) else { return nil }
                rest = rest.dropFirst(text.count)
            case .date:
                let candidate = rest.prefix(10)
                guard Self.isDate(candidate) else { return nil }
                date = String(candidate)
                rest = rest.dropFirst(10)
            case .time:
                let candidate = rest.prefix(6)
                guard candidate.count == 6, candidate.allSatisfy(\.isASCIIDigit) else { return nil }
                time = String(candidate)
                rest = rest.dropFirst(6)
            }
        }
        guard rest.isEmpty else { return nil }
        let path = directory == "." ? name : (directory as NSString).appendingPathComponent(name)
        return Match(path: path, stamp: date + " " + time, date: Self.parseDate(date))
    }

    /// The backups of this series in ``directory``, oldest first.
    public func existing() -> [Match] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap(match(name:)).sorted { ($0.stamp, $0.path) < ($1.stamp, $1.path) }
    }

    /// The first `{date}` or `{time}` in `text`.
    private static func nextPlaceholder(in text: Substring) -> (range: Range<Substring.Index>, part: Part)? {
        let date = text.firstRange(of: "{date}").map { (range: $0, part: Part.date) }
        let time = text.firstRange(of: "{time}").map { (range: $0, part: Part.time) }
        guard let date else { return time }
        guard let time else { return date }
        return date.range.lowerBound < time.range.lowerBound ? date : time
    }

    private static func isDate(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (48...57).contains($0.element) }
    }

    private static func parseDate(_ text: String) -> Date? {
        guard !text.isEmpty else { return nil }
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// An `--out` template that cannot be used as a pattern.
public struct BackupPatternError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
