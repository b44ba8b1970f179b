import DPSEngine
import Foundation
import Testing

struct ResponseClassificationTests {
    enum Kind: Sendable {
        case success, retry, final, fatal
    }

    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func kind(of classification: ResponseClassification) -> Kind {
        switch classification {
        case .success: .success
        case .retry: .retry
        case .final: .final
        case .fatal: .fatal
        }
    }

    @Test(
        "each HTTP status maps to its decision",
        arguments: [
            (200, Kind.success), (201, .success), (204, .success), (299, .success),
            (408, .retry), (429, .retry), (500, .retry), (502, .retry), (503, .retry), (504, .retry),
            (501, .retry), (507, .retry), (599, .retry),
            (400, .final), (404, .final), (409, .final), (412, .final),
            (402, .final), (405, .final), (410, .final), (415, .final), (422, .final), (499, .final),
            (401, .fatal), (403, .fatal),
            (0, .fatal), (100, .fatal), (199, .fatal), (301, .fatal), (304, .fatal), (600, .fatal),
        ]
    )
    func status(_ status: Int, expected: Kind) {
        let classification = ResponseClassification(.response(status: status), now: Self.now)
        #expect(Self.kind(of: classification) == expected)
    }

    @Test(
        "final keeps the service's code and message, or says what happened",
        arguments: [
            (
                400, 400_004 as Int?, "Endorsement key is invalid, or does not match the Enrollment." as String?,
                "Endorsement key is invalid, or does not match the Enrollment."
            ),
            (404, 404_201, "Enrollment not found", "Enrollment not found"),
            (409, 409_001, nil, "the service answered HTTP 409 Conflict"),
            (412, nil, "   ", "the service answered HTTP 412 Precondition Failed"),
            (418, nil, nil, "the service answered HTTP 418 Client Error"),
        ]
    )
    func final(status: Int, errorCode: Int?, message: String?, expected: String) {
        let classification = ResponseClassification(
            .response(status: status, errorCode: errorCode, message: message),
            now: Self.now
        )
        #expect(classification == .final(status: status, errorCode: errorCode, message: expected))
    }

    @Test("refused credentials stop the run with advice", arguments: [401, 403])
    func credentials(status: Int) throws {
        let classification = ResponseClassification(
            .response(status: status, errorCode: status * 1000 + 2, message: "Unauthorized"),
            now: Self.now
        )
        guard case .fatal(let message) = classification else {
            Issue.record("expected fatal, got \(classification)")
            return
        }
        #expect(message.hasPrefix(ResponseClassification.credentialsRefusedMessage))
        #expect(message.contains("HTTP \(status)"))
        #expect(message.contains("Unauthorized"))
        #expect(
            ResponseClassification.credentialsRefusedMessage
                == "the service refused the credentials: check DPS_CONNECTION_STRING's key and policy, "
                + "or the Entra identity's role"
        )
    }

    @Test(
        "retries carry Retry-After in seconds, from either form, when it parses",
        arguments: [
            (429, "7" as String?, 7.0 as TimeInterval?),
            (503, "0", 0),
            (429, "Tue, 14 Nov 2023 22:13:50 GMT", 30),
            (429, "Tue, 14 Nov 2023 22:00:00 GMT", 0),
            (500, "soon", nil),
            (429, nil, nil),
            (408, "", nil),
        ]
    )
    func retryAfter(status: Int, header: String?, expected: TimeInterval?) throws {
        // `now` is 2023-11-14 22:13:20 UTC.
        let classification = ResponseClassification(.response(status: status, retryAfter: header), now: Self.now)
        guard case .retry(let reason, let retryAfter) = classification else {
            Issue.record("expected retry, got \(classification)")
            return
        }
        #expect(retryAfter == expected)
        #expect(reason.contains("HTTP \(status)"))
    }

    @Test("Retry-After does not turn a final or fatal answer into a retry", arguments: [400, 401, 404, 409])
    func retryAfterIgnored(status: Int) {
        let classification = ResponseClassification(.response(status: status, retryAfter: "1"), now: Self.now)
        #expect(Self.kind(of: classification) != .retry)
    }

    @Test("a retry reason names the status and the service's message")
    func retryReason() {
        let classification = ResponseClassification(
            .response(status: 429, errorCode: 429_001, message: "Operations are being throttled"),
            now: Self.now
        )
        #expect(
            classification
                == .retry(reason: "HTTP 429 Too Many Requests: Operations are being throttled", retryAfter: nil)
        )
    }

    @Test(
        "transport failures retry when transient and stop the run when not",
        arguments: [
            ("connection reset by peer", true, Kind.retry),
            ("connection closed before the response", true, .retry),
            ("read timed out", true, .retry),
            ("host name does not resolve", false, .fatal),
            ("certificate is not trusted", false, .fatal),
        ]
    )
    func transport(description: String, isTransient: Bool, expected: Kind) {
        let classification = ResponseClassification(
            .transportFailure(description: description, isTransient: isTransient),
            now: Self.now
        )
        #expect(Self.kind(of: classification) == expected)
        switch classification {
        case .retry(let reason, let retryAfter):
            #expect(reason == "transport failure: \(description)")
            #expect(retryAfter == nil)
        case .fatal(let message):
            #expect(message == "could not reach the service: \(description)")
        default:
            break
        }
    }

    @Test("a transport failure is transient unless told otherwise")
    func transportDefault() {
        let classification = ResponseClassification(.transportFailure(description: "connection reset"), now: Self.now)
        #expect(classification == .retry(reason: "transport failure: connection reset", retryAfter: nil))
    }
}
