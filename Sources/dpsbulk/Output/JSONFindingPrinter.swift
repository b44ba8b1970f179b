import DPSManifest
import DPSValidation
import Foundation

/// One JSON object per finding per line (`"type":"finding"`), then one summary object (`"type":"summary"`).
struct JSONFindingPrinter: FindingPrinter {
    let errorsOnly: Bool
    private let encoder: JSONEncoder
    private var output = StandardOutput()

    init(errorsOnly: Bool) {
        self.errorsOnly = errorsOnly
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    private struct FindingLine: Encodable {
        let type = "finding"
        let finding: Finding

        enum CodingKeys: String, CodingKey {
            case type, file, line, registrationId, field, code, severity, message
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(finding.file, forKey: .file)
            try container.encode(finding.line, forKey: .line)
            try container.encode(finding.registrationId, forKey: .registrationId)
            try container.encode(finding.field, forKey: .field)
            try container.encode(finding.code, forKey: .code)
            try container.encode(finding.severity, forKey: .severity)
            try container.encode(finding.message, forKey: .message)
        }
    }

    private struct ErrorLine: Encodable {
        let type = "unreadable"
        let file: String
        let line: Int?
        let code: String
        let message: String
    }

    private struct SummaryLine: Encodable {
        let type = "summary"
        let files: [String]
        let rowsRead: Int
        let valid: Int
        let withWarnings: Int
        let withErrors: Int
        let unreadableFiles: Int
        let byCode: [String: Int]
    }

    mutating func record(_ record: ValidatedRecord) {
        for finding in record.findings where !errorsOnly || finding.severity == .error {
            write(FindingLine(finding: finding))
        }
    }

    mutating func unreadable(_ error: ManifestError) {
        write(ErrorLine(file: error.file, line: error.line, code: error.code, message: error.message))
    }

    mutating func summary(_ summary: ValidationSummary, files: [String], unreadable: [ManifestError]) {
        write(
            SummaryLine(
                files: files,
                rowsRead: summary.rowsRead,
                valid: summary.valid,
                withWarnings: summary.withWarnings,
                withErrors: summary.withErrors,
                unreadableFiles: unreadable.count,
                byCode: summary.byCode
            )
        )
        output.flush()
    }

    private mutating func write(_ value: some Encodable) {
        guard let data = try? encoder.encode(value) else { return }
        output.write(data)
        output.write("\n")
    }
}
