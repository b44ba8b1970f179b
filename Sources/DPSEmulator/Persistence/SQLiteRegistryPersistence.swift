import DPSModel
import Foundation
import GRDB

/// Keeps the registry in a SQLite file (`registry.sqlite` in the data directory).
///
/// WAL mode with `synchronous = FULL`: `save` commits one transaction per request and returns only once the
/// commit is on disk, so an acknowledged write survives a crash or power cut.
public final class SQLiteRegistryPersistence: RegistryPersistence {
    private let database: DatabaseQueue
    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    /// Opens (creating when needed) the registry database in `directory`.
    ///
    /// The database holds every device key, so it is made readable by the owner only (0600) before SQLite opens
    /// it; SQLite gives its `-wal` and `-shm` files the database file's mode, and existing ones are narrowed too.
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(
            at: directory,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        try Self.restrictPermissions(of: directory.appendingPathComponent("registry.sqlite").path)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        database = try DatabaseQueue(
            path: directory.appendingPathComponent("registry.sqlite").path,
            configuration: configuration
        )
        try database.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        try Self.migrator.migrate(database)
    }

    /// Creates `path` empty with mode 0600 when it does not exist, and sets 0600 on it and its `-wal`/`-shm` files.
    static func restrictPermissions(of path: String) throws {
        let files = FileManager.default
        if !files.fileExists(atPath: path) {
            guard files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        for file in [path, path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
            try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            for table in ["enrollment", "enrollmentGroup", "registration"] {
                try db.create(table: table) { t in
                    t.primaryKey("key", .text)
                    t.column("sequence", .integer).notNull().unique()
                    t.column("body", .blob).notNull()
                }
            }
        }
        return migrator
    }

    public func load() throws -> RegistrySnapshot {
        try database.read { db in
            var snapshot = RegistrySnapshot()
            let enrollments = try Row.fetchCursor(db, sql: "SELECT sequence, body FROM enrollment ORDER BY sequence")
            while let row = try enrollments.next() {
                snapshot.enrollments.append(
                    (try decoder.decode(IndividualEnrollment.self, from: row["body"] as Data), row["sequence"])
                )
            }
            let groups = try Row.fetchCursor(db, sql: "SELECT sequence, body FROM enrollmentGroup ORDER BY sequence")
            while let row = try groups.next() {
                snapshot.groups.append(
                    (try decoder.decode(EnrollmentGroup.self, from: row["body"] as Data), row["sequence"])
                )
            }
            let registrations = try Row.fetchCursor(
                db,
                sql: "SELECT sequence, body FROM registration ORDER BY sequence"
            )
            while let row = try registrations.next() {
                snapshot.registrations.append(
                    (try decoder.decode(RegistrationRecord.self, from: row["body"] as Data), row["sequence"])
                )
            }
            return snapshot
        }
    }

    public func save(_ changes: [RegistryChange]) throws {
        let rows = try changes.map { change -> (table: String, key: String, sequence: Int?, body: Data?) in
            switch change {
            case .putEnrollment(let item, let sequence):
                ("enrollment", item.registrationId.lowercased(), sequence, try encoder.encode(item))
            case .deleteEnrollment(let id): ("enrollment", id.lowercased(), nil, nil)
            case .putGroup(let item, let sequence):
                ("enrollmentGroup", item.enrollmentGroupId.lowercased(), sequence, try encoder.encode(item))
            case .deleteGroup(let id): ("enrollmentGroup", id.lowercased(), nil, nil)
            case .putRegistration(let record, let sequence):
                ("registration", (record.state.registrationId ?? "").lowercased(), sequence, try encoder.encode(record))
            case .deleteRegistration(let id): ("registration", id.lowercased(), nil, nil)
            }
        }
        try database.write { db in
            for row in rows {
                if let sequence = row.sequence, let body = row.body {
                    try db.execute(
                        sql: "INSERT INTO \(row.table) (key, sequence, body) VALUES (?, ?, ?) "
                            + "ON CONFLICT(key) DO UPDATE SET body = excluded.body",
                        arguments: [row.key, sequence, body]
                    )
                } else {
                    try db.execute(sql: "DELETE FROM \(row.table) WHERE key = ?", arguments: [row.key])
                }
            }
        }
    }
}
