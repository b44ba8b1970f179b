import DPSManifest
import DPSModel
import DPSValidation
import Foundation

/// Findings grouped per record (file:line and ID), then a summary with counts by code.
struct HumanFindingPrinter: FindingPrinter {
    let errorsOnly: Bool
    private var severityByCode: [String: Severity] = [:]
    private var output = StandardOutput()

    init(errorsOnly: Bool) {
        self.errorsOnly = errorsOnly
    }

    mutating func record(_ record: ValidatedRecord) {
        for finding in record.findings {
            severityByCode[finding.code.rawValue] = max(
                severityByCode[finding.code.rawValue] ?? .warning,
                finding.severity
            )
        }
        let shown = errorsOnly ? record.findings.filter { $0.severity == .error } : record.findings
        guard !shown.isEmpty else { return }
        // IDs, file names and messages echo the manifest: escaped so its bytes cannot drive the terminal.
        let id = record.record.identifier.map { "  \($0)" } ?? ""
        output.write(TerminalText.escaped("\(record.record.source.file):\(record.record.source.line)\(id)") + "\n")
        for finding in shown {
            let field = finding.field.isEmpty ? "" : "\(finding.field): "
            let label = finding.severity == .error ? "error  " : "warning"
            let line = "  \(label) \(field)\(finding.message) [\(finding.code.rawValue)]"
            output.write(TerminalText.escaped(line) + "\n")
        }
    }

    mutating func unreadable(_ error: ManifestError) {
        output.flush()
        // Escaped here without the line feeds the log keeps: a manifest's message is one line.
        let message = TerminalText.escaped("\(error.description) [\(error.code)]")
        DiagnosticLog.logger.error("\(message)", metadata: ["code": "\(error.code)"])
    }

    mutating func summary(_ summary: ValidationSummary, files: [String], unreadable: [ManifestError]) {
        let readable = files.count - unreadable.count
        output.write(
            "\n\(readable) manifest\(readable == 1 ? "" : "s") checked: \(summary.rowsRead) rows read, "
                + "\(summary.valid) valid, \(summary.withWarnings) with warnings only, "
                + "\(summary.withErrors) with errors\n"
        )
        if !unreadable.isEmpty {
            output.write("\(unreadable.count) manifest\(unreadable.count == 1 ? "" : "s") could not be read\n")
        }
        if !summary.byCode.isEmpty {
            output.write("Findings by code:\n")
            let width = summary.byCode.keys.map(\.count).max() ?? 0
            for (code, count) in summary.byCode.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                let severity = severityByCode[code] == .error ? "error  " : "warning"
                let padding = String(repeating: " ", count: width - code.count)
                output.write("  \(severity) \(code)\(padding) \(count)\n")
            }
        }
        output.flush()
    }
}
