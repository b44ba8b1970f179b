import DPSModel

/// Where a record came from: the manifest file and the 1-based physical line where the record starts.
public struct SourcePosition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The manifest path as the user gave it.
    public var file: String
    /// The line where the record starts (the CSV header is line 1).
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// What a manifest record describes (boxed: records move between threads and rules without copying the payload).
public indirect enum ManifestEntry: Sendable, Hashable {
    /// An individual enrollment (a record with a registration ID).
    case enrollment(IndividualEnrollment)
    /// An enrollment group (a record with an enrollment group ID).
    case group(EnrollmentGroup)

    /// The registration ID or enrollment group ID.
    public var identifier: String {
        switch self {
        case .enrollment(let enrollment): enrollment.registrationId
        case .group(let group): group.enrollmentGroupId
        }
    }

    /// The attestation mechanism.
    public var attestation: AttestationMechanism {
        switch self {
        case .enrollment(let enrollment): enrollment.attestation
        case .group(let group): group.attestation
        }
    }

    /// Whether this is an enrollment group.
    public var isGroup: Bool {
        if case .group = self { return true }
        return false
    }
}

/// The original text of a record, kept so that failed rows can be written back in the manifest's own format.
public enum OriginalRecord: Sendable, Hashable {
    /// The fields of a CSV row, in header order.
    case csv([String])
    /// A JSON line, as read.
    case jsonLine(String)
}

/// One record of a manifest: its position, what it describes, and the problems found while reading it.
public struct ManifestRecord: Sendable {
    /// Where the record starts.
    public var source: SourcePosition
    /// The enrollment or group, or nil when the record could not be turned into one.
    public var entry: ManifestEntry?
    /// The record's ID as written, even when `entry` is nil.
    public var identifier: String?
    /// Problems found while reading the record (bad JSON, an unknown attestation value, a missing file, ...).
    public var readFindings: [Finding]
    /// The record's original text.
    public var original: OriginalRecord

    public init(
        source: SourcePosition,
        entry: ManifestEntry?,
        identifier: String?,
        readFindings: [Finding],
        original: OriginalRecord
    ) {
        self.source = source
        self.entry = entry
        self.identifier = identifier
        self.readFindings = readFindings
        self.original = original
    }
}
