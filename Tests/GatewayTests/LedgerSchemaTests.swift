import Foundation
@testable import Gateway
import GRDB
import Testing

/// The ledger's schema is migrated by version; `jobnet-gateway migrate` runs the migrations alone, and a
/// ledger a newer gateway migrated is refused rather than read by a gateway that does not know its rows.
@Suite struct LedgerSchemaTests {
    static func path() -> String { NSTemporaryDirectory() + "jobnet-gateway-schema-\(UUID().uuidString).sqlite" }

    @Test func migrateAppliesEveryMigrationOnceAndThenNothing() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Ledger.migrate(path: path) == Ledger.knownMigrations)
        #expect(try Ledger.migrate(path: path).isEmpty)
        // A ledger so made is one serve opens.
        #expect(throws: Never.self) { _ = try Ledger(path: path) }
    }

    @Test func aLedgerFromANewerGatewayIsRefused() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Ledger.migrate(path: path)
        let database = try DatabaseQueue(path: path)
        try database.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
        try database.close()
        #expect(throws: LedgerSchemaError.self) { _ = try Ledger(path: path) }
        #expect(throws: LedgerSchemaError.self) { _ = try Ledger.migrate(path: path) }
        do {
            _ = try Ledger(path: path)
        } catch let error as LedgerSchemaError {
            #expect(error.unknownMigrations == ["v99: from the future"])
            #expect(error.description.contains("newer than this gateway knows"))
        }
    }

    @Test func theMigrateCommandSaysWhatItDid() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ReplayTests.binary), "make test builds the executable first")
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try await run(ReplayTests.binary, ["migrate", "--database", path])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("applied v1: bookings and enrollments"))
        #expect(first.output.contains("schema at \(Ledger.knownMigrations.last!)"))
        let again = try await run(ReplayTests.binary, ["migrate", "--database", path])
        #expect(again.output.contains("(nothing to do)"), "\(again.output)")
    }
}
