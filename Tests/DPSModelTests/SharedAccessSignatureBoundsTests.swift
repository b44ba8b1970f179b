import Foundation
import Testing

@testable import DPSModel

/// The SAS parser on what an attacker sends: `se` must be bounded digits, each field once.
struct SharedAccessSignatureBoundsTests {
    @Test(arguments: [
        "nan", "-inf", "inf", "-1e300", "-1e12", "-9.3e11", "1e30", "1.5", "+5", " 5", "0x10",
        "99999999999999", "18446744073709551616",
    ])
    func expiryThatIsNotBoundedDigitsIsRefused(se: String) {
        #expect(throws: SharedAccessSignatureError(.badExpiry, "")) {
            try SharedAccessSignature.parse(headerValue: "SharedAccessSignature sr=h&sig=s&se=\(se)&skn=o")
        }
    }

    @Test(arguments: [("1893456000", Int64(1_893_456_000)), ("1893456000000", 1_893_456_000), ("0", 0)])
    func expiryInSecondsOrMilliseconds(se: String, seconds: Int64) throws {
        let token = try SharedAccessSignature.parse(headerValue: "SharedAccessSignature sr=h&sig=s&se=\(se)&skn=o")
        #expect(token.expirySeconds == seconds)
    }

    @Test(arguments: ["sr", "sig", "se", "skn"])
    func aRepeatedFieldIsRefused(field: String) {
        let header = "SharedAccessSignature sr=h&sig=s&se=1893456000&skn=o&\(field)=again"
        #expect(throws: SharedAccessSignatureError(.repeatedField, "")) {
            try SharedAccessSignature.parse(headerValue: header)
        }
    }

    @Test func missingFieldsAndOversizedTokensAreRefused() {
        #expect(throws: SharedAccessSignatureError(.missingField, "")) {
            try SharedAccessSignature.parse(headerValue: "SharedAccessSignature sr=h&se=1&skn=o")
        }
        #expect(throws: SharedAccessSignatureError(.malformed, "")) {
            try SharedAccessSignature.parse(headerValue: "SharedAccessSignature sr=h&sig=s&se=1&junk")
        }
        let long = "SharedAccessSignature sr=" + String(repeating: "h", count: 5000) + "&sig=s&se=1"
        #expect(throws: SharedAccessSignatureError(.malformed, "")) {
            try SharedAccessSignature.parse(headerValue: long)
        }
    }

    @Test func makingATokenNeverTrapsOnAnyDate() throws {
        let key = Data(count: 32).base64EncodedString()
        for seconds in [Double.nan, -.infinity, .infinity, -1e300, 1e300, 0] {
            let token = try SharedAccessSignature.make(
                resource: "h",
                keyName: "o",
                key: key,
                expiry: Date(timeIntervalSince1970: seconds)
            )
            #expect(token.expirySeconds != nil)
        }
    }

    @Test func timestampsOfAnyDateFormatWithoutTrapping() {
        for seconds in [Double.nan, -.infinity, .infinity, -1e300, -1e12, -9.3e11, 1e30] {
            let text = Timestamp(Date(timeIntervalSince1970: seconds)).rawValue
            #expect(text.hasSuffix("Z") && text.count == 28, "\(text)")
        }
    }
}
