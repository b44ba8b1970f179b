import DPSClient
import DPSModel
import Foundation

// The transport floor of an import: the CPU this process spends sending ROWS symmetric-key enrollments as bulk
// creates of 10 through DPSServiceClient (the client `dpsbulk import` sends with: async-http-client, keep-alive,
// SAS token), CONCURRENCY requests in flight, and nothing else: no manifest, no validation, no journal. The
// operations are built before the clock starts. Prints one JSON line: rows, requests, wall, user and sys seconds of
// the sending alone. Used by bench/import.sh.
// Usage: transport-floor CONNECTION_STRING ROWS CONCURRENCY

func cpuSeconds() -> (user: Double, sys: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return (seconds(usage.ru_utime), seconds(usage.ru_stime))
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let rows = Int(arguments[2]), let concurrency = Int(arguments[3]), rows > 0,
    concurrency > 0
else {
    FileHandle.standardError.write(Data("usage: transport-floor CONNECTION_STRING ROWS CONCURRENCY\n".utf8))
    exit(2)
}
let connection = try ConnectionString(parsing: arguments[1])
let key = Data((0..<32).map { UInt8($0) }).base64EncodedString()
let operations = stride(from: 0, to: rows, by: 10).map { first in
    BulkEnrollmentOperation(
        enrollments: (first..<min(rows, first + 10)).map { index in
            IndividualEnrollment(
                registrationId: "floor-\(index)",
                attestation: AttestationMechanism(
                    type: .symmetricKey,
                    symmetricKey: SymmetricKeyAttestation(primaryKey: key, secondaryKey: key)
                )
            )
        },
        mode: .create
    )
}
let clock = ContinuousClock()
let (started, before) = (clock.now, cpuSeconds())
let failed = try await HTTPClientFactory.withClient(connections: concurrency) { http in
    let client = DPSServiceClient(connectionString: connection, http: http)
    return try await withThrowingTaskGroup(of: Int.self) { group in
        var next = 0
        var failed = 0
        func sendNext() {
            let operation = operations[next]
            next += 1
            group.addTask { try await client.bulk(operation).isSuccessful ? 0 : 1 }
        }
        while next < min(concurrency, operations.count) { sendNext() }
        while let result = try await group.next() {
            failed += result
            if next < operations.count { sendNext() }
        }
        return failed
    }
}
let after = cpuSeconds()
let wall = (clock.now - started) / .seconds(1)
print(
    "{\"rows\": \(rows), \"requests\": \(operations.count), \"failedRequests\": \(failed), \"wall\": \(wall), "
        + "\"user\": \(after.user - before.user), \"sys\": \(after.sys - before.sys)}"
)
