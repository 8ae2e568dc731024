import Foundation
@testable import Gateway
import Testing

/// What only the PostgreSQL ledger has: its URL, its migrations table, the citizen lock across instances.
@Suite struct PostgresLedgerTests {
    @Test func theURLIsReadAsLibpqReadsIt() throws {
        let plain = try PostgresLocation("postgres://jobnet@db.internal/ledger", environment: ["PGPASSWORD": "hemmeligt"])
        #expect(plain.host == "db.internal" && plain.port == 5432 && plain.database == "ledger")
        #expect(plain.password == "hemmeligt")
        #expect(plain.sslMode == .prefer)
        let full = try PostgresLocation(
            "postgresql://jobnet:pa%40ss@10.0.0.5:6543?sslmode=verify-full&sslrootcert=/etc/ca.pem", environment: ["PGPASSWORD": "other"])
        #expect(full.password == "pa@ss")
        #expect(full.database == "jobnet")
        #expect(full.sslMode == .verifyFull && full.rootCertificate == "/etc/ca.pem")
        // What logs and --print-config show: never the password.
        #expect(!full.description.contains("pa@ss") && !full.description.contains("pa%40ss"))
        #expect(full.description == "postgres://jobnet@10.0.0.5:6543/jobnet?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(throws: LedgerLocationError.self) { try PostgresLocation("postgres://db.internal/ledger") }
        #expect(throws: LedgerLocationError.self) { try PostgresLocation("postgres://jobnet@db/ledger?sslmode=sometimes") }
        #expect(throws: LedgerLocationError.self) { try PostgresLocation("postgres://jobnet@db/ledger?sslmode=verify-ca") }
        #expect(throws: LedgerLocationError.self) { try PostgresLocation("postgres://jobnet@db/ledger?sslcert=/c.pem") }
    }

    @Test func printConfigShowsTheURLWithoutItsPassword() throws {
        let settings = try GatewaySettings(
            flags: ["database": "postgres://jobnet:hemmeligt@db.internal/ledger"], configFile: nil, environment: [:])
        #expect(!settings.printable.contains("hemmeligt"))
        #expect(settings.printable.contains("postgres://jobnet@db.internal:5432/ledger"))
    }

    @Test func migrationsRunOnceAndANewerSchemaIsRefused() async throws {
        try await withTestPostgres { cluster in
            #expect(try await Ledger.migrate(database: cluster.url(), logger: Ledger.databaseLogger) == Ledger.knownMigrations)
            #expect(try await Ledger.migrate(database: cluster.url(), logger: Ledger.databaseLogger).isEmpty)
            #expect(try await cluster.sql("SELECT count(*) FROM ledgerMigration") == "\(Ledger.knownMigrations.count)")
            _ = try await cluster.sql("INSERT INTO ledgerMigration VALUES ('v99: from the future', now())")
            await #expect(throws: LedgerSchemaError.self) { _ = try await Ledger.open(cluster.url(), logger: Ledger.databaseLogger) }
        }
    }

    /// Two instances (two stores on one database): the second's call for a citizen starts only after the
    /// first's has ended; another citizen's does not wait.
    @Test func aCitizensLockHoldsAcrossInstances() async throws {
        try await Self.whileTheFirstInstanceHolds("citizen-a", holding: { _, events in
            try? await Task.sleep(for: .milliseconds(800))
            events.append("first out")
        }) { second, events in
            try await second.withCitizenLock("citizen-b") { events.append("other citizen") }
            try await second.withCitizenLock("citizen-a") { events.append("second in") }
        } verifying: { events in
            #expect(events == ["first in", "other citizen", "first out", "second in"])
        }
    }

    /// A call that cannot have the citizen's lock in time is refused, and its work never runs unlocked.
    @Test func aLockNotHadInTimeIsAnErrorNotARunWithoutIt() async throws {
        try await Self.whileTheFirstInstanceHolds("citizen", secondLockWait: .seconds(1), holding: { _, events in
            try? await Task.sleep(for: .seconds(3))
            events.append("first out")
        }) { second, events in
            await #expect(throws: LedgerDatabaseError.self) { try await second.withCitizenLock("citizen") { events.append("unlocked run") } }
        } verifying: { events in
            #expect(events == ["first in", "first out"])
        }
    }

    /// A statement given up on at its deadline inside a citizen's lock holds the lock until it has ended:
    /// a write of the call cannot land after another instance's call for the citizen began.
    @Test func aStatementGivenUpOnHoldsTheLockUntilItEnds() async throws {
        let began = ContinuousClock.now
        try await Self.whileTheFirstInstanceHolds("citizen", holding: { first, events in
            // Longer than the statement deadline (10 s): the caller stops waiting, the server does not.
            let outcome = try? await (first.store as? PostgresLedgerStore)?.rows("SELECT pg_sleep(12)")
            events.append(outcome == nil ? "given up" : "answered")
        }) { second, events in
            try await second.withCitizenLock("citizen") { events.append("second in") }
            let waited = ContinuousClock.now - began
            #expect(waited >= .seconds(12), "\(waited)")
        } verifying: { events in
            #expect(events == ["first in", "given up", "second in"])
        }
    }

    /// Two instances on a PostgreSQL started for the test: the first takes `citizen`'s lock ("first in") and
    /// runs `holding` under it; meanwhile `body` runs with the second (its lock wait `secondLockWait`);
    /// `verifying` gets the events once both have ended.
    static func whileTheFirstInstanceHolds(
        _ citizen: String, secondLockWait: Duration = .seconds(30), holding: @escaping @Sendable (Ledger, Lines) async -> Void,
        _ body: (Ledger, Lines) async throws -> Void, verifying: ([String]) -> Void
    ) async throws {
        try await withTestPostgres { cluster in
            let first = try await Ledger.open(cluster.url(), logger: Ledger.databaseLogger)
            let second = Ledger(store: try await PostgresLedgerStore.open(
                try PostgresLocation(cluster.url()), logger: Ledger.databaseLogger, lockWait: secondLockWait))
            defer {
                try? first.close()
                try? second.close()
            }
            let events = Lines()
            let holder = Task {
                try await first.withCitizenLock(citizen) {
                    events.append("first in")
                    await holding(first, events)
                }
            }
            try await waitUntil { events.all.contains("first in") }
            try await body(second, events)
            try await holder.value
            verifying(events.all)
            // Free again: had at once.
            try await second.withCitizenLock(citizen) { events.append("after") }
            #expect(events.all.last == "after")
        }
    }
}
