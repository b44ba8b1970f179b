import DPSManifest
import DPSModel
import Foundation

/// Facts every rule may use; fixed for one run so that rules stay pure.
public struct ValidationContext: Sendable {
    /// The time of the run: certificates must be valid now.
    public var now: Date

    public init(now: Date = Date()) {
        self.now = now
    }
}

/// One validation rule: looks at one record and reports what is wrong with it.
///
/// Rules are independent, pure and stateless, so records can be checked on several threads; the checks that
/// span the whole manifest (duplicates) are done by ``DuplicateDetector``.
public protocol ValidationRule: Sendable {
    /// Appends the findings of this rule for `record`'s entry to `findings`.
    func check(_ entry: ManifestEntry, context: ValidationContext, findings: inout FindingSink)
}

/// Collects the findings of one record, filling in the record's position and ID.
public struct FindingSink: Sendable {
    /// The findings so far.
    public private(set) var findings: [Finding] = []
    let source: SourcePosition
    let identifier: String?

    public init(source: SourcePosition, identifier: String?) {
        self.source = source
        self.identifier = identifier
    }

    /// Records a finding on `field`.
    public mutating func add(_ field: String, _ code: FindingCode, _ severity: Severity, _ message: String) {
        findings.append(
            Finding(
                file: source.file,
                line: source.line,
                registrationId: identifier,
                field: field,
                code: code,
                severity: severity,
                message: message
            )
        )
    }

    /// Records an error on `field`.
    public mutating func error(_ field: String, _ code: FindingCode, _ message: String) {
        add(field, code, .error, message)
    }

    /// Records a warning on `field`.
    public mutating func warning(_ field: String, _ code: FindingCode, _ message: String) {
        add(field, code, .warning, message)
    }

    mutating func append(contentsOf others: [Finding]) {
        findings.append(contentsOf: others)
    }
}
