import Foundation
import Testing

@testable import DPSModel

struct SharedAccessSignatureTests {
    static let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    /// HMAC-SHA256 of "contoso.azure-devices-provisioning.net\n1893456000" under bytes 0...31, computed with
    /// Python's hmac module, independently of this code.
    static let expectedSignature = "09pTJYOLWVEEmAZqsC369ClMvFyDOSEuSKhrL5v/usI="

    @Test func signatureMatchesAnIndependentComputation() throws {
        let token = try SharedAccessSignature.make(
            resource: "contoso.azure-devices-provisioning.net",
            keyName: "provisioningserviceowner",
            key: Self.key,
            expiry: Date(timeIntervalSince1970: 1_893_456_000)
        )
        #expect(token.signature == Self.expectedSignature)
        #expect(
            token.headerValue
                == "SharedAccessSignature sr=contoso.azure-devices-provisioning.net"
                + "&sig=09pTJYOLWVEEmAZqsC369ClMvFyDOSEuSKhrL5v%2FusI%3D&se=1893456000&skn=provisioningserviceowner"
        )
    }

    @Test func parsesFieldsInAnyOrderAndVerifies() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let variants = [
            "SharedAccessSignature sr=contoso.azure-devices-provisioning.net&sig=09pTJYOLWVEEmAZqsC369ClMvFyDOSEuSKhrL5v%2FusI%3D&se=1893456000&skn=o",
            "SharedAccessSignature skn=o&se=1893456000&sig=09pTJYOLWVEEmAZqsC369ClMvFyDOSEuSKhrL5v%2FusI%3D&sr=contoso.azure-devices-provisioning.net",
            // legacy Python SDK: '/' left unencoded in sig
            "SharedAccessSignature sr=contoso.azure-devices-provisioning.net&sig=09pTJYOLWVEEmAZqsC369ClMvFyDOSEuSKhrL5v/usI%3D&se=1893456000&skn=o",
            // Node SDK: se in milliseconds is a different string to sign, so it is signed anew below
        ]
        for header in variants {
            let token = try #require(SharedAccessSignature(headerValue: header))
            #expect(token.isValid(key: Self.key, now: now), "\(header)")
            #expect(token.keyName == "o")
        }
    }

    @Test func millisecondExpiryIsAccepted() throws {
        let expiryField = "1893456000000"
        let signature = try #require(
            SharedAccessSignature.sign(encodedResource: "h.example", expiryField: expiryField, key: Self.key)
        )
        let token = SharedAccessSignature(
            encodedResource: "h.example",
            signature: signature,
            expiryField: expiryField,
            keyName: nil
        )
        #expect(token.expiry == Date(timeIntervalSince1970: 1_893_456_000))
        #expect(token.isValid(key: Self.key, now: Date(timeIntervalSince1970: 1_800_000_000)))
        #expect(!token.isValid(key: Self.key, now: Date(timeIntervalSince1970: 1_900_000_000)))
    }

    @Test func rejectsWrongKeyTamperingAndExpiry() throws {
        let token = try SharedAccessSignature.make(
            resource: "h.example",
            keyName: "o",
            key: Self.key,
            expiry: Date(timeIntervalSince1970: 2_000_000_000)
        )
        let now = Date(timeIntervalSince1970: 1_900_000_000)
        #expect(token.isValid(key: Self.key, now: now))
        #expect(!token.isValid(key: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", now: now))
        var tampered = token
        tampered.encodedResource = "other.example"
        #expect(!tampered.isValid(key: Self.key, now: now))
        #expect(!token.isValid(key: Self.key, now: Date(timeIntervalSince1970: 2_000_000_001)))
        #expect(SharedAccessSignature(headerValue: "Bearer abc") == nil)
        #expect(SharedAccessSignature(headerValue: "SharedAccessSignature sr=a&se=1") == nil)
    }
}
