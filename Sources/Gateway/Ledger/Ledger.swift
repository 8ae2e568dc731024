import CopenhagenTime
import Foundation
import GRDB
import Synchronization

/// The booking ledger: SQLite through GRDB, created and migrated at start, every write a transaction.
public final class Ledger: Sendable {
    private let queue: DatabaseQueue
    /// Set by `close`: SQLite must not be called on a closed connection (it crashes), so from then on
    /// every use throws instead, and a late /ready or /metrics says the ledger cannot be read.
    private let closed = Atomic(false)

    /// The database, while it is open.
    var database: DatabaseQueue {
        get throws(LedgerClosedError) {
            guard !closed.load(ordering: .acquiring) else { throw LedgerClosedError() }
            return queue
        }
    }

    /// Opens (creating and migrating) the ledger at `path`; `nil` keeps it in memory (tests, demos).
    ///
    /// Refuses (`LedgerSchemaError`) a ledger whose schema a newer gateway has migrated past what this one
    /// knows: it would read and write rows it does not understand.
    public init(path: String?) throws {
        if let path {
            queue = try DatabaseQueue(path: path)
        } else {
            queue = try DatabaseQueue()
        }
        try Self.refuseNewerSchema(queue)
        try Self.migrator.migrate(queue)
    }

    /// Migrates the ledger at `path` (creating it) and returns the migrations it applied, in order; none when
    /// it was up to date. What `jobnet-gateway migrate` runs, for a deploy pipeline that migrates first.
    public static func migrate(path: String) throws -> [String] {
        let database = try DatabaseQueue(path: path)
        try refuseNewerSchema(database)
        let before = try database.read { db in try migrator.appliedIdentifiers(db) }
        try migrator.migrate(database)
        try database.close()
        return migrator.migrations.filter { !before.contains($0) }
    }

    /// The migrations this gateway knows, in order: the last is the schema it writes.
    public static var knownMigrations: [String] { migrator.migrations }

    private static func refuseNewerSchema(_ database: DatabaseQueue) throws {
        let unknown = try database.read { db in
            try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
        }
        if !unknown.isEmpty { throw LedgerSchemaError(unknownMigrations: unknown, known: migrator.migrations.last ?? "none") }
    }

    /// The schema, by version. A new version is a new `registerMigration`, never an edit of an old one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: bookings and enrollments") { db in
            try db.create(table: "booking") { table in
                table.primaryKey("requestKey", .text)
                table.column("plannerBookingId", .text).unique()
                table.column("offerId", .text).notNull()
                table.column("personId", .text).notNull().indexed()
                table.column("start", .datetime).notNull()
                table.column("end", .datetime).notNull()
                table.column("resourceId", .text)
                table.column("samtaleform", .integer)
                table.column("origin", .text).notNull()
                table.column("state", .text).notNull()
                table.column("createdAt", .datetime).notNull()
                table.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "enrollment") { table in
                table.primaryKey("receiptId", .text)
                table.column("personId", .text).notNull().indexed()
                table.column("enrollmentDate", .datetime).notNull()
                table.column("clientCategory", .integer).notNull()
                table.column("unemploymentStatus", .integer).notNull()
                table.column("professions", .text).notNull()
                table.column("bookingKey", .text).notNull().references("booking", column: "requestKey")
                table.column("createdAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2: error reports from Jobnet") { db in
            try db.create(table: "fejlmelding") { table in
                table.primaryKey("id", .text)
                table.column("receivedAt", .datetime).notNull().indexed()
                table.column("reportedAt", .datetime).notNull()
                table.column("origin", .integer).notNull()
                table.column("code", .integer).notNull()
                table.column("text", .text)
                table.column("offerId", .text)
                table.column("bookingId", .text)
                table.column("citizen", .text)
            }
        }
        migrator.registerMigration("v3: the rebooking journal") { db in
            try db.create(table: "rebooking") { table in
                table.primaryKey("id", .text)
                table.column("personId", .text).notNull()
                table.column("oldBookingId", .text).notNull()
                table.column("oldOfferId", .text).notNull()
                table.column("oldStart", .datetime).notNull()
                table.column("newOfferId", .text).notNull()
                table.column("newStart", .datetime).notNull()
                table.column("newResourceId", .text).notNull()
                table.column("newReservationId", .text)
                table.column("step", .text).notNull().indexed()
                table.column("updatedAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v4: numeric ids of unmapped caseworkers") { db in
            // A Planner resource that caseworkers.yaml does not name gets a CaseWorkerID of the
            // gateway's own, kept here so it is the same after a restart.
            try db.create(table: "unmappedCaseworker") { table in
                table.primaryKey("resourceId", .text)
                table.column("caseWorkerId", .integer).notNull().unique()
                table.column("firstSeen", .datetime).notNull()
            }
        }
        migrator.registerMigration("v5: the citizens' fixed deadlines") { db in
            // A Frist is a date that does not move: fixed the first time the gateway needs it.
            try db.create(table: "citizenDeadline") { table in
                table.column("personId", .text).notNull()
                table.column("interviewType", .integer).notNull()
                table.column("status", .integer).notNull()
                table.column("bookBy", .datetime).notNull()
                table.column("holdBy", .datetime).notNull()
                table.column("fixedAt", .datetime).notNull()
                table.primaryKey(["personId", "interviewType"])
            }
        }
        return migrator
    }

    /// The citizen's deadline for an interview type, if one is fixed.
    public func deadline(personId: String, interviewType: Int) async throws -> CitizenDeadline? {
        try await database.read { db in try CitizenDeadline.fetchOne(db, key: ["personId": personId, "interviewType": interviewType]) }
    }

    /// The citizen's deadline for an interview type, fixing `proposed` as it if there is none yet (in
    /// one transaction, so two calls at once fix one). Returns the one in force.
    public func fixDeadline(_ proposed: CitizenDeadline) async throws -> CitizenDeadline {
        try await database.write { db in
            if let fixed = try CitizenDeadline.fetchOne(db, key: ["personId": proposed.personId, "interviewType": proposed.interviewType]) {
                return fixed
            }
            try proposed.insert(db)
            return proposed
        }
    }

    /// Every CaseWorkerID the gateway has assigned to an unmapped Planner resource, by resource id.
    public func unmappedCaseworkerIds() async throws -> [String: Int] {
        try await database.read { db in
            var ids: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT resourceId, caseWorkerId FROM unmappedCaseworker") {
                ids[row["resourceId"]] = row["caseWorkerId"]
            }
            return ids
        }
    }

    /// The CaseWorkerID of an unmapped resource: the one it already has, else the next free one from
    /// `firstId` up, assigned in the same transaction so two calls never give one id twice.
    public func assignUnmappedCaseworkerId(resourceId: String, firstId: Int, at time: Date) async throws -> Int {
        try await database.write { db in
            if let id = try Int.fetchOne(db, sql: "SELECT caseWorkerId FROM unmappedCaseworker WHERE resourceId = ?", arguments: [resourceId]) {
                return id
            }
            let highest = try Int.fetchOne(db, sql: "SELECT MAX(caseWorkerId) FROM unmappedCaseworker") ?? (firstId - 1)
            let id = max(highest + 1, firstId)
            try db.execute(
                sql: "INSERT INTO unmappedCaseworker (resourceId, caseWorkerId, firstSeen) VALUES (?, ?, ?)",
                arguments: [resourceId, id, time])
            return id
        }
    }

    /// The idempotency key of a booking request: the same citizen, offer and start time is the same booking.
    public static func key(personId: UUID, offerId: UUID, start: Date) -> String {
        "\(personId.lowercasedText)|\(offerId.lowercasedText)|\(CopenhagenTime.format(start))"
    }

    public func booking(key: String) async throws -> LedgerBooking? {
        try await database.read { db in try LedgerBooking.fetchOne(db, key: key) }
    }

    public func booking(plannerBookingId: String) async throws -> LedgerBooking? {
        try await database.read { db in
            try LedgerBooking.filter(Column("plannerBookingId") == plannerBookingId.lowercased()).fetchOne(db)
        }
    }

    public func hasBookings(offerId: String) async throws -> Bool {
        try await database.read { db in try LedgerBooking.filter(Column("offerId") == offerId).fetchCount(db) > 0 }
    }

    public func bookings(personId: UUID) async throws -> [LedgerBooking] {
        try await database.read { db in
            try LedgerBooking.filter(Column("personId") == personId.lowercasedText).order(Column("start")).fetchAll(db)
        }
    }

    /// Writes (or replaces) a booking row.
    public func save(_ booking: LedgerBooking) async throws {
        try await database.write { db in try booking.save(db) }
    }

    /// Writes a booking and its enrollment in one transaction: both or neither.
    public func save(_ booking: LedgerBooking, enrollment: LedgerEnrollment) async throws {
        try await database.write { db in
            try booking.save(db)
            try enrollment.save(db)
        }
    }

    public func removeBooking(key: String) async throws {
        _ = try await database.write { db in try LedgerBooking.deleteOne(db, key: key) }
    }

    public func enrollment(bookingKey: String) async throws -> LedgerEnrollment? {
        try await database.read { db in try LedgerEnrollment.filter(Column("bookingKey") == bookingKey).fetchOne(db) }
    }

    public func save(_ enrollment: LedgerEnrollment) async throws {
        try await database.write { db in try enrollment.save(db) }
    }

    public func enrollments(personId: UUID) async throws -> [LedgerEnrollment] {
        try await database.read { db in
            try LedgerEnrollment.filter(Column("personId") == personId.lowercasedText).fetchAll(db)
        }
    }

    public func save(_ report: LedgerFejlmelding) async throws {
        try await database.write { db in try report.insert(db) }
    }

    /// The enrollments StraksbookOgTilmeld recorded since `date` (all when nil), oldest first
    /// (`jobnet-gateway enrollments`).
    public func enrollments(since date: Date?) async throws -> [LedgerEnrollment] {
        try await rows(LedgerEnrollment.self, timedBy: "createdAt", since: date)
    }

    /// The error reports received since `date` (all when nil), oldest first (`jobnet-gateway fejlmeldinger`).
    public func fejlmeldinger(since date: Date?) async throws -> [LedgerFejlmelding] {
        try await rows(LedgerFejlmelding.self, timedBy: "receivedAt", since: date)
    }

    private func rows<Row: FetchableRecord & TableRecord & Sendable>(
        _ type: Row.Type, timedBy column: String, since date: Date?
    ) async throws -> [Row] {
        try await database.read { db in
            var request = Row.order(Column(column))
            if let date { request = request.filter(Column(column) >= date) }
            return try request.fetchAll(db)
        }
    }

    /// Writes a rebooking's journal entry: before each step is taken, so that a gateway killed between
    /// steps knows at its next start what to finish or undo.
    public func journal(_ entry: RebookingJournalEntry) async throws {
        try await database.write { db in try entry.save(db) }
    }

    /// Rebookings that were neither finished nor undone.
    public func unfinishedRebookings() async throws -> [RebookingJournalEntry] {
        try await database.read { db in
            try RebookingJournalEntry.filter([RebookingJournalEntry.Step.done.rawValue, RebookingJournalEntry.Step.undone.rawValue]
                .contains(Column("step")) == false).fetchAll(db)
        }
    }

    public func rebooking(id: String) async throws -> RebookingJournalEntry? {
        try await database.read { db in try RebookingJournalEntry.fetchOne(db, key: id) }
    }

    /// Closes the database (at shutdown, after the last call finished).
    public func close() throws {
        guard closed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        try queue.close()
    }

    /// Throws when the ledger cannot be read; cheap whatever its size (for /ready, polled by load balancers).
    public func checkReadable() async throws {
        try await database.read { db in _ = try Row.fetchOne(db, sql: "SELECT requestKey FROM booking LIMIT 1") }
    }

    public func count() async throws -> Int {
        try await database.read { db in try LedgerBooking.fetchCount(db) }
    }
}

/// The ledger was closed (the gateway is shutting down).
public struct LedgerClosedError: Error, CustomStringConvertible {
    public var description: String { "the ledger is closed" }
}

/// A ledger migrated by a newer gateway than this one.
public struct LedgerSchemaError: Error, CustomStringConvertible {
    public var unknownMigrations: [String]
    public var known: String

    public var description: String {
        "the ledger's schema is newer than this gateway knows (it has \(unknownMigrations.joined(separator: ", ")); "
            + "this gateway's last is \(known)): run a gateway at least as new as the one that migrated it"
    }
}
