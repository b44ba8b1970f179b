import DPSModel
import Foundation

/// Turns JSON lines in the wire format into manifest records.
///
/// A line with `registrationId` is an individual enrollment, one with `enrollmentGroupId` an enrollment group. A
/// top-level `error` member (written by `dpsbulk report`) is ignored.
public struct JSONLineMapper: Sendable {
    /// The manifest path as the user gave it (for findings).
    public let file: String

    public init(file: String) {
        self.file = file
    }

    /// The record for one non-blank line.
    public func record(text: String, line: Int) -> ManifestRecord {
        let source = SourcePosition(file: file, line: line)
        var data = Data(text.utf8)
        func failed(_ identifier: String?, _ field: String, _ code: FindingCode, _ message: String) -> ManifestRecord {
            let finding = Finding(
                file: file,
                line: line,
                registrationId: identifier,
                field: field,
                code: code,
                severity: .error,
                message: message
            )
            return ManifestRecord(
                source: source,
                entry: nil,
                identifier: identifier,
                readFindings: [finding],
                original: .jsonLine(text)
            )
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            return failed(
                nil,
                "",
                ManifestCodes.invalidJSON,
                "the line is not valid JSON: \(JSONErrorText.describe(error))"
            )
        }
        guard var object = value.objectValue else {
            return failed(
                nil,
                "",
                ManifestCodes.notAnEnrollment,
                "the line is a JSON \(value.typeName), not an enrollment object"
            )
        }
        // `dpsbulk report` adds the reason a record failed as "error"; no DPS type has that member.
        if object.removeValue(forKey: "error") != nil,
            let stripped = try? JSONEncoder().encode(JSONValue.object(object))
        {
            data = stripped
        }
        let registrationId = object["registrationId"]
        let groupId = object["enrollmentGroupId"]
        let identifier = registrationId?.stringValue ?? groupId?.stringValue
        do {
            switch (registrationId, groupId) {
            case (.some, .some):
                return failed(
                    identifier,
                    "enrollmentGroupId",
                    ManifestCodes.bothIds,
                    "the object has both registrationId and enrollmentGroupId; it must be one or the other"
                )
            case (.some, nil):
                let enrollment = try JSONDecoder().decode(IndividualEnrollment.self, from: data)
                return ManifestRecord(
                    source: source,
                    entry: .enrollment(enrollment),
                    identifier: identifier,
                    readFindings: [],
                    original: .jsonLine(text)
                )
            case (nil, .some):
                let group = try JSONDecoder().decode(EnrollmentGroup.self, from: data)
                return ManifestRecord(
                    source: source,
                    entry: .group(group),
                    identifier: identifier,
                    readFindings: [],
                    original: .jsonLine(text)
                )
            case (nil, nil):
                return failed(
                    nil,
                    "registrationId",
                    ManifestCodes.missingId,
                    "the object has neither registrationId (an enrollment) nor enrollmentGroupId (a group)"
                )
            }
        } catch {
            let field = (error as? DecodingError).map(Self.fieldPath) ?? ""
            return failed(
                identifier,
                field,
                ManifestCodes.notAnEnrollment,
                "the object is not a valid \(groupId == nil ? "enrollment" : "enrollment group"): "
                    + JSONErrorText.describe(error)
            )
        }
    }

    private static func fieldPath(_ error: DecodingError) -> String {
        let context: DecodingError.Context
        var path: [String] = []
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
        case .keyNotFound(let key, let c):
            context = c
            path = [key.stringValue]
        @unknown default: return ""
        }
        return (context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue } + path)
            .joined(separator: ".")
    }
}
