import DPSModel
import Foundation
import Testing

@testable import DPSManifest

/// Reading whole manifests: header handling, cell mapping, JSON lines, positions and fatal errors.
struct ManifestReaderTests {
    static func write(_ text: String, name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func records(_ path: String, options: ManifestReadOptions = ManifestReadOptions()) throws -> [ManifestRecord]
    {
        let reader = try ManifestReader(path: path, options: options)
        var records: [ManifestRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    @Test func csvCellsBecomeWireFields() throws {
        let path = try Self.write(
            """
            RegistrationID,deviceId,attestation,endorsementKey,storageRootKey,iotHubHostName,iotHubs,allocationPolicy,provisioningStatus,initialTwin,iotEdge,reprovisionPolicy
            dev-1,Device-One,TPM,AAAA,BBBB,hub.azure-devices.net, a.azure-devices.net ; b.azure-devices.net ,hashed,disabled,"{""tags"":{""line"":""3""},""properties"":{""desired"":{""t"":30}}}",true,neverReprovision
            dev-2,,tpm,CCCC,,,,,,,,

            """,
            name: "m.csv"
        )
        let records = try Self.records(path)
        #expect(records.count == 2)
        guard case .enrollment(let first) = records[0].entry else {
            Issue.record("not an enrollment")
            return
        }
        #expect(records[0].source.line == 2)
        #expect(records[0].readFindings.isEmpty)
        #expect(first.registrationId == "dev-1")
        #expect(first.deviceId == "Device-One")
        #expect(first.attestation.type == .tpm)
        #expect(first.attestation.tpm?.endorsementKey == "AAAA")
        #expect(first.attestation.tpm?.storageRootKey == "BBBB")
        #expect(first.iotHubHostName == "hub.azure-devices.net")
        #expect(first.iotHubs == ["a.azure-devices.net", "b.azure-devices.net"])
        #expect(first.allocationPolicy == .hashed)
        #expect(first.provisioningStatus == .disabled)
        #expect(first.initialTwin?.tags?.properties["line"] == .string("3"))
        #expect(first.initialTwin?.properties?.desired?.properties["t"] == .integer(30))
        #expect(first.capabilities?.iotEdge == true)
        #expect(first.reprovisionPolicy == ReprovisionPolicy(updateHubAssignment: false, migrateDeviceData: false))
        guard case .enrollment(let second) = records[1].entry else {
            Issue.record("not an enrollment")
            return
        }
        #expect(second.deviceId == nil && second.iotHubHostName == nil && second.initialTwin == nil)
        #expect(second.attestation.tpm?.storageRootKey == nil)
    }

    @Test func linesCountPhysicalLinesOfMultiLineCells() throws {
        let path = try Self.write(
            "registrationId,attestation,certificate\r\n"
                + "x-1,x509,\"-----BEGIN CERTIFICATE-----\r\nAAAA\r\n-----END CERTIFICATE-----\"\r\n"
                + "x-2,x509,\"-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----\"\n",
            name: "pem.csv"
        )
        let records = try Self.records(path)
        #expect(records.map(\.source.line) == [2, 5])
        guard case .enrollment(let first) = records[0].entry else {
            Issue.record("not an enrollment")
            return
        }
        #expect(first.attestation.x509?.clientCertificates?.primary?.certificate?.contains("AAAA") == true)
    }

    @Test func certificatePathsAreRelativeToTheManifest() throws {
        let path = try Self.write(
            "registrationId,attestation,certificate\nx-1,x509,certs/x-1.pem\nx-2,x509,certs/none.pem\n",
            name: "c.csv"
        )
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("certs")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n".write(
            to: dir.appendingPathComponent("x-1.pem"),
            atomically: true,
            encoding: .utf8
        )
        let records = try Self.records(path)
        guard case .enrollment(let first) = records[0].entry else {
            Issue.record("not an enrollment")
            return
        }
        #expect(first.attestation.x509?.clientCertificates?.primary?.certificate?.contains("QUJD") == true)
        #expect(records[1].readFindings.map(\.code) == [ManifestCodes.certificateFileMissing])
        #expect(records[1].readFindings.first?.field == "certificate")
    }

    @Test func groupRowsAndCellProblems() throws {
        let path = try Self.write(
            """
            registrationId,enrollmentGroupId,deviceId,attestation,primaryKey,endorsementKey,caReference,initialTwin,iotEdge,reprovisionPolicy,customAllocationWebhookUrl
            ,line-7-group,,x509,,,factory-root-ca,,,,
            ,sym-group,dev,symmetricKey,,,,,,,
            a,b,,symmetricKey,,,,,,,
            ,,,symmetricKey,,,,,,,
            d-1,,,magic,,,,,,,
            d-2,,,,,,,,,,
            d-3,,,symmetricKey,,AAAA,,"[1,2]",maybe,always,https://x
            d-4,,,,,,,{broken,,,
            d-5,,
            """,
            name: "g.csv"
        )
        let records = try Self.records(path)
        guard case .group(let group) = records[0].entry else {
            Issue.record("not a group")
            return
        }
        #expect(group.enrollmentGroupId == "line-7-group")
        #expect(group.attestation.x509?.caReferences?.primary == "factory-root-ca")
        #expect(records[1].readFindings.map(\.code) == [ManifestCodes.ignoredField])
        #expect(records[2].readFindings.map(\.code) == [ManifestCodes.bothIds])
        #expect(records[3].readFindings.map(\.code) == [ManifestCodes.missingId])
        #expect(records[4].readFindings.map(\.code) == [ManifestCodes.unknownAttestation])
        #expect(records[5].readFindings.map(\.code) == [ManifestCodes.missingAttestation])
        #expect(
            Set(records[6].readFindings.map(\.code))
                == [
                    ManifestCodes.ignoredField, ManifestCodes.invalidTwinJSON, ManifestCodes.notBoolean,
                    ManifestCodes.unknownReprovisionPolicy, ManifestCodes.incompleteCustomAllocation,
                ]
        )
        #expect(
            records[7].readFindings.map(\.code) == [ManifestCodes.missingAttestation, ManifestCodes.invalidTwinJSON]
        )
        #expect(records[8].readFindings.first?.code == ManifestCodes.fieldCount)
        #expect(records.map(\.source.line) == Array(2...10))
    }

    @Test func headerProblemsStopTheRead() throws {
        #expect(throws: ManifestError(code: "unknown-column", file: "", message: "")) {
            try ManifestReader(path: try Self.write("registrationId,colour\nx,red\n", name: "u.csv"))
        }
        let allowed = try Self.records(
            try Self.write("registrationId,colour,attestation\nx,red,symmetricKey\n", name: "u.csv"),
            options: ManifestReadOptions(allowUnknownColumns: true)
        )
        #expect(allowed.count == 1 && allowed[0].readFindings.isEmpty)
        #expect(throws: ManifestError(code: "duplicate-column", file: "", message: "")) {
            try ManifestReader(path: try Self.write("registrationId,REGISTRATIONID\n", name: "d.csv"))
        }
        #expect(throws: ManifestError(code: "missing-id-column", file: "", message: "")) {
            try ManifestReader(path: try Self.write("dev-1,tpm,AAAA\n", name: "n.csv"))
        }
        #expect(throws: ManifestError(code: "no-header", file: "", message: "")) {
            try ManifestReader(path: try Self.write("", name: "e.csv"))
        }
        #expect(throws: ManifestError(code: "file-not-found", file: "", message: "")) {
            try ManifestReader(path: "/nonexistent/m.csv")
        }
    }

    @Test func jsonLinesMixKindsAndSkipBlankLines() throws {
        let path = try Self.write(
            """
            {"enrollmentGroupId":"g-1","attestation":{"type":"symmetricKey","symmetricKey":{}},"futureField":1}

            {"registrationId":"d-1","attestation":{"type":"tpm","tpm":{"endorsementKey":"AAAA"}}}
            not json
            [1,2]
            {"registrationId":"d-2"}
            {"registrationId":"d-3","enrollmentGroupId":"g"}
            {"deviceId":"x"}
            """,
            name: "m.jsonl"
        )
        let records = try Self.records(path)
        #expect(records.map(\.source.line) == [1, 3, 4, 5, 6, 7, 8])
        guard case .group(let group) = records[0].entry else {
            Issue.record("not a group")
            return
        }
        #expect(group.unknownFields["futureField"] == .integer(1))
        guard case .enrollment = records[1].entry else {
            Issue.record("not an enrollment")
            return
        }
        #expect(records[2].readFindings.map(\.code) == [ManifestCodes.invalidJSON])
        #expect(records[3].readFindings.map(\.code) == [ManifestCodes.notAnEnrollment])
        #expect(records[4].readFindings.map(\.code) == [ManifestCodes.notAnEnrollment])
        #expect(records[4].readFindings.first?.message.contains("attestation is required") == true)
        #expect(records[5].readFindings.map(\.code) == [ManifestCodes.bothIds])
        #expect(records[6].readFindings.map(\.code) == [ManifestCodes.missingId])
    }

    @Test func formatComesFromExtensionOrContent() throws {
        let jsonl = try Self.write(
            #"{"registrationId":"a","attestation":{"type":"symmetricKey"}}"#,
            name: "manifest.txt"
        )
        #expect(try ManifestReader(path: jsonl).format == .jsonLines)
        let csv = try Self.write("registrationId\na\n", name: "manifest.txt")
        #expect(try ManifestReader(path: csv).format == .csv)
    }
}
