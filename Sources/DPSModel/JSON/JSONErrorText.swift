import Foundation

/// Short, human descriptions of JSON decoding errors, naming the member path.
public enum JSONErrorText {
    /// A one-line description of a decoding error, e.g. "attestation.type: expected a string".
    public static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the document" : text
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : path(context.codingPath) + "."
            return "\(parent)\(key.stringValue) is required but missing"
        case .dataCorrupted(let context):
            let underlying =
                (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                ?? context.debugDescription
            return context.codingPath.isEmpty ? underlying : "\(path(context.codingPath)): \(underlying)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        default: "a JSON object"
        }
    }
}
