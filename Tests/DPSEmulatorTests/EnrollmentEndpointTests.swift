import DPSEmulator
import DPSModel
import Foundation
import Testing

/// Individual enrollments over real loopback HTTP: status codes, ETags, server-set fields, secrets.
@Suite struct EnrollmentEndpointTests {
    @Test func createGetReplaceDeleteFollowTheETagRules() async throws {
        try await withEmulator { client, _ in
            let ek = try Samples.text("tpm/device-01-ek.b64")
            let created = try await client.send(.PUT, "/enrollments/dev-1", json: Samples.tpm("dev-1", ek: ek))
            #expect(created.status == 200)
            let first = try created.decode(IndividualEnrollment.self)
            let etag = try #require(first.etag)
            #expect(first.createdDateTimeUtc != nil && first.lastUpdatedDateTimeUtc != nil)

            let fetched = try await client.send(.GET, "/enrollments/dev-1")
            #expect(fetched.status == 200)
            #expect(try fetched.decode(IndividualEnrollment.self).etag == etag)

            let conflict = try await client.send(.PUT, "/enrollments/dev-1", json: Samples.tpm("dev-1", ek: ek))
            #expect(conflict.status == 409)
            #expect(conflict.errorCode == "409201")
            let details = try conflict.decode(ProvisioningServiceErrorDetails.self)
            #expect(details.errorCode == 409_201 && details.message?.isEmpty == false && details.trackingId != nil)

            let stale = try await client.send(
                .PUT,
                "/enrollments/dev-1",
                json: Samples.tpm("dev-1", ek: ek),
                headers: [("If-Match", "\"not-it\"")]
            )
            #expect(stale.status == 412)

            var replacement = Samples.tpm("dev-1", ek: ek)
            replacement.provisioningStatus = .disabled
            replacement.createdDateTimeUtc = Timestamp("2001-01-01T00:00:00Z")  // read-only: ignored
            let replaced = try await client.send(
                .PUT,
                "/enrollments/dev-1",
                json: replacement,
                headers: [("If-Match", "\"\(etag)\"")]
            )
            #expect(replaced.status == 200)
            let second = try replaced.decode(IndividualEnrollment.self)
            #expect(second.etag != etag)
            #expect(second.provisioningStatus == .disabled)
            #expect(second.createdDateTimeUtc == first.createdDateTimeUtc)

            let bare = try await client.send(
                .PUT,
                "/enrollments/dev-1",
                json: replacement,
                headers: [("If-Match", second.etag!)]
            )
            #expect(bare.status == 200)
            let star = try await client.send(
                .PUT,
                "/enrollments/dev-1",
                json: replacement,
                headers: [("If-Match", "*")]
            )
            #expect(star.status == 200)

            #expect(try await client.send(.DELETE, "/enrollments/dev-1", headers: [("If-Match", etag)]).status == 412)
            #expect(try await client.send(.DELETE, "/enrollments/dev-1").status == 204)
            let gone = try await client.send(.GET, "/enrollments/dev-1")
            #expect(gone.status == 404)
            #expect(gone.errorCode == "404201")
            #expect(try await client.send(.DELETE, "/enrollments/dev-1").status == 404)
        }
    }

    @Test func pathsAreCaseInsensitiveAndIdsPercentDecoded() async throws {
        try await withEmulator { client, _ in
            #expect(
                try await client.send(.PUT, "/enrollments/line3%3Adev.1", json: Samples.symmetric("line3:dev.1")).status
                    == 200
            )
            #expect(try await client.send(.GET, "/Enrollments/LINE3%3ADEV.1").status == 200)
            #expect(try await client.send(.GET, "/ENROLLMENTS/line3:dev.1").status == 200)
            let mismatch = try await client.send(.PUT, "/enrollments/other", json: Samples.symmetric("dev-9"))
            #expect(mismatch.status == 400)
        }
    }

    @Test func symmetricKeysAreGeneratedAndOnlyReturnedByTheAttestationMechanism() async throws {
        try await withEmulator { client, _ in
            let created = try await client.send(.PUT, "/enrollments/sym-1", json: Samples.symmetric("sym-1"))
            #expect(created.status == 200)
            let returned = try created.decode(IndividualEnrollment.self)
            #expect(returned.attestation.symmetricKey?.primaryKey == nil)
            let got = try await client.send(.GET, "/enrollments/sym-1").decode(IndividualEnrollment.self)
            #expect(got.attestation.symmetricKey != nil && got.attestation.symmetricKey?.primaryKey == nil)
            let mechanism = try await client.send(.POST, "/enrollments/sym-1/attestationmechanism")
            #expect(mechanism.status == 200)
            let keys = try #require(try mechanism.decode(AttestationMechanism.self).symmetricKey)
            #expect(Data(base64Encoded: keys.primaryKey ?? "")?.count == 64)
            #expect(Data(base64Encoded: keys.secondaryKey ?? "")?.count == 64)
            #expect(keys.primaryKey != keys.secondaryKey)
            let withBody = try await client.send(
                .POST,
                "/enrollments/sym-1/attestationmechanism",
                rawBody: Data("{}".utf8)
            )
            #expect(withBody.status == 200)

            let given = "UvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaE="
            _ = try await client.send(.PUT, "/enrollments/sym-2", json: Samples.symmetric("sym-2", primary: given))
            let kept = try await client.send(.POST, "/enrollments/sym-2/attestationmechanism").decode(
                AttestationMechanism.self
            )
            #expect(kept.symmetricKey?.primaryKey == given)
        }
    }

    @Test func x509InfoIsComputedFromTheCertificate() async throws {
        try await withEmulator { client, _ in
            let pem = try Samples.text("x509/devices/x509-line7-000201.pem")
            let enrollment = IndividualEnrollment(
                registrationId: "x509-line7-000201",
                attestation: AttestationMechanism(
                    type: .x509,
                    x509: X509Attestation(
                        clientCertificates: X509Certificates(
                            primary: X509CertificateWithInfo(
                                certificate: pem,
                                info: X509CertificateInfo(subjectName: "CN=forged")
                            )
                        )
                    )
                )
            )
            let reply = try await client.send(.PUT, "/enrollments/x509-line7-000201", json: enrollment)
            #expect(reply.status == 200)
            let got = try await client.send(.GET, "/enrollments/x509-line7-000201").decode(IndividualEnrollment.self)
            let primary = try #require(got.attestation.x509?.clientCertificates?.primary)
            #expect(primary.certificate == nil)
            let info = try #require(primary.info)
            #expect(info.subjectName?.hasPrefix("CN=x509-line7-000201") == true)
            #expect(info.sha256Thumbprint?.count == 64 && info.sha1Thumbprint?.count == 40)
            #expect(info.version == 3 && info.serialNumber?.isEmpty == false)
            #expect(info.notAfterUtc.map { $0.date > Date() } == true)
        }
    }

    @Test func invalidInputIsRefusedWithTheServiceMessage() async throws {
        try await withEmulator { client, _ in
            let badKey = try await client.send(.PUT, "/enrollments/tpm-bad", json: Samples.tpm("tpm-bad", ek: "AAAA"))
            #expect(badKey.status == 400)
            #expect(badKey.errorCode == "400004")
            #expect(
                try badKey.decode(ProvisioningServiceErrorDetails.self).message?.hasPrefix("Endorsement key is invalid")
                    == true
            )

            let badId = try await client.send(.PUT, "/enrollments/bad%20id", json: Samples.symmetric("bad id"))
            #expect(badId.status == 400)
            let long = String(repeating: "a", count: 129)
            #expect(try await client.send(.PUT, "/enrollments/\(long)", json: Samples.symmetric(long)).status == 400)
            let longest = String(repeating: "a", count: 128)
            #expect(
                try await client.send(.PUT, "/enrollments/\(longest)", json: Samples.symmetric(longest)).status == 200
            )
            let notJSON = try await client.send(.PUT, "/enrollments/x", rawBody: Data("{nope".utf8))
            #expect(notJSON.status == 400)
            let tooBig = try await client.send(.PUT, "/enrollments/x", rawBody: Data(repeating: 0x20, count: 100_000))
            #expect(tooBig.status == 400)
        }
    }

    @Test func unknownFieldsAreKept() async throws {
        try await withEmulator { client, _ in
            let body = Data(
                #"{"registrationId":"future-1","attestation":{"type":"symmetricKey","symmetricKey":{}},"newServiceField":{"a":1}}"#
                    .utf8
            )
            #expect(try await client.send(.PUT, "/enrollments/future-1", rawBody: body).status == 200)
            let got = try await client.send(.GET, "/enrollments/future-1").json()
            #expect(got.objectValue?["newServiceField"] == .object(["a": .integer(1)]))
        }
    }
}
