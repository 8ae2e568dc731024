import Foundation
import PostgresNIO

extension PostgresLedgerStore {
    /// `LedgerSchema`'s versions as PostgreSQL statements (one statement each: the extended protocol takes
    /// no more). Unquoted names fold to lower case, the same in the statements that use them; `"end"` is
    /// a reserved word.
    static let migrations: [(version: String, statements: [String])] = [
        (LedgerSchema.v1, [
            """
            CREATE TABLE booking (requestKey text PRIMARY KEY, plannerBookingId text UNIQUE, offerId text NOT NULL,
              personId text NOT NULL, start timestamptz NOT NULL, "end" timestamptz NOT NULL, resourceId text,
              samtaleform bigint, origin text NOT NULL, state text NOT NULL, createdAt timestamptz NOT NULL,
              updatedAt timestamptz NOT NULL)
            """,
            "CREATE INDEX booking_personId ON booking (personId)",
            """
            CREATE TABLE enrollment (receiptId text PRIMARY KEY, personId text NOT NULL, enrollmentDate timestamptz NOT NULL,
              clientCategory bigint NOT NULL, unemploymentStatus bigint NOT NULL, professions text NOT NULL,
              bookingKey text NOT NULL REFERENCES booking (requestKey), createdAt timestamptz NOT NULL)
            """,
            "CREATE INDEX enrollment_personId ON enrollment (personId)",
        ]),
        (LedgerSchema.v2, [
            """
            CREATE TABLE fejlmelding (id text PRIMARY KEY, receivedAt timestamptz NOT NULL, reportedAt timestamptz NOT NULL,
              origin bigint NOT NULL, code bigint NOT NULL, text text, offerId text, bookingId text, citizen text)
            """,
            "CREATE INDEX fejlmelding_receivedAt ON fejlmelding (receivedAt)",
        ]),
        (LedgerSchema.v3, [
            """
            CREATE TABLE rebooking (id text PRIMARY KEY, personId text NOT NULL, oldBookingId text NOT NULL,
              oldOfferId text NOT NULL, oldStart timestamptz NOT NULL, newOfferId text NOT NULL, newStart timestamptz NOT NULL,
              newResourceId text NOT NULL, newReservationId text, step text NOT NULL, updatedAt timestamptz NOT NULL)
            """,
            "CREATE INDEX rebooking_step ON rebooking (step)",
        ]),
        (LedgerSchema.v4, [
            """
            CREATE TABLE unmappedCaseworker (resourceId text PRIMARY KEY, caseWorkerId bigint NOT NULL UNIQUE,
              firstSeen timestamptz NOT NULL)
            """,
        ]),
        (LedgerSchema.v5, [
            """
            CREATE TABLE citizenDeadline (personId text NOT NULL, interviewType bigint NOT NULL, status bigint NOT NULL,
              bookBy timestamptz NOT NULL, holdBy timestamptz NOT NULL, fixedAt timestamptz NOT NULL,
              PRIMARY KEY (personId, interviewType))
            """,
        ]),
        (LedgerSchema.v6, [
            "ALTER TABLE rebooking ADD COLUMN leaseOwner text, ADD COLUMN leaseUntil timestamptz",
        ]),
    ]

    /// The advisory lock that makes instances starting at once migrate one after the other.
    static let migrationLock: Int64 = 0x6a6f_626e_6574_0001

    /// Applies the versions the database lacks, in one transaction, and returns them; refuses
    /// (`LedgerSchemaError`) a database a newer gateway has migrated.
    func migrate() async throws -> [String] {
        // An index on a large table, or another instance's migration this one waits for, may take long.
        try await transaction(within: .seconds(3600)) { [logger] connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
            // An index on a large table may take longer than a call's statement limit.
            try await connection.run("SET LOCAL statement_timeout = 0", logger: logger)
            try await connection.run(
                "CREATE TABLE IF NOT EXISTS ledgerMigration (version text PRIMARY KEY, appliedAt timestamptz NOT NULL)", logger: logger)
            var applied: Set<String> = []
            for row in try await connection.run("SELECT version FROM ledgerMigration", logger: logger) {
                applied.insert(try row.decode(String.self))
            }
            try LedgerSchemaError.refuse(applied: applied)
            var done: [String] = []
            for (version, statements) in Self.migrations where !applied.contains(version) {
                for statement in statements { try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await connection.run("INSERT INTO ledgerMigration (version, appliedAt) VALUES (\(version), now())", logger: logger)
                done.append(version)
            }
            return done
        }
    }
}
