import DPSWireFormats
import Foundation
import Testing

/// What `openssl x509` said about one fixture certificate, recorded by `scripts/make-x509-samples.sh` into
/// `Fixtures/x509/openssl-facts.tsv`: the independent reference the summary is compared against.
struct OpenSSLFacts: Sendable, CustomTestStringConvertible {
    var file: String
    var sha1: String
    var sha256: String
    /// As openssl prints it: uppercase hex without the DER sign byte.
    var serial: String
    var subject: String
    var issuer: String
    var notBefore: Date
    var notAfter: Date
    var isCA: Bool

    var testDescription: String { file }

    /// The serial as DER content bytes, the way DPS (.NET) and `CertificateSummary` show it: openssl drops the
    /// `00` that DER puts in front of a serial whose top bit is set.
    var derSerial: String {
        guard let first = serial.first?.hexDigitValue, first >= 8 else {
            return serial
        }
        return "00" + serial
    }

    /// Every row of the facts file.
    static func all() throws -> [OpenSSLFacts] {
        let lines = try Fixture.text("x509/openssl-facts.tsv").split(separator: "\n").dropFirst()
        return try lines.map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 9, let notBefore = TimeInterval(cells[6]), let notAfter = TimeInterval(cells[7])
            else {
                throw FactsError(line: String(line))
            }
            return OpenSSLFacts(
                file: cells[0],
                sha1: cells[1],
                sha256: cells[2],
                serial: cells[3],
                subject: cells[4],
                issuer: cells[5],
                notBefore: Date(timeIntervalSince1970: notBefore),
                notAfter: Date(timeIntervalSince1970: notAfter),
                isCA: cells[8] == "TRUE"
            )
        }
    }

    /// The row for `file`.
    static func named(_ file: String) throws -> OpenSSLFacts {
        guard let facts = try all().first(where: { $0.file == file }) else {
            throw FactsError(line: file)
        }
        return facts
    }

    struct FactsError: Error {
        var line: String
    }
}
