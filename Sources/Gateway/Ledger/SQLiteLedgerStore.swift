import Foundation
import GRDB
import Synchronization

/// The embedded ledger: one SQLite file through GRDB, for one gateway instance; every write a transaction.
public final class SQLiteLedgerStore: LedgerStore {
    private let queue: DatabaseQueue
    /// Set by `close`: SQLite must not be called on a closed connection (it crashes), so from then on
    /// every use throws instead, and a late /ready or /metrics says the ledger cannot be read.
    private let closed = Atomic(false)

    public var isShared: Bool { false }

    /// The database, while it is open.
    var database: DatabaseQueue {
        get throws(LedgerClosedError) {
            guard !closed.load(ordering: .acquiring) else { throw LedgerClosedError() }
            return queue
        }
    }

    /// Opens (creating and migrating) the ledger at `path`; `nil` keeps it in memory (tests, demos).
    /// Refuses (`LedgerSchemaError`) a ledger a newer gateway has migrated past what this one knows.
    public init(path: String?) throws {
        queue = try path.map { try DatabaseQueue(path: $0) } ?? DatabaseQueue()
        try Self.refuseNewerSchema(queue)
        try Self.migrator.migrate(queue)
    }

    /// Migrates the ledger at `path` (creating it) and returns the migrations it applied, in order.
    public static func migrate(path: String) throws -> [String] {
        let database = try DatabaseQueue(path: path)
        try refuseNewerSchema(database)
        let before = try database.read { db in try migrator.appliedIdentifiers(db) }
        try migrator.migrate(database)
        try database.close()
        return migrator.migrations.filter { !before.contains($0) }
    }

    private static func refuseNewerSchema(_ database: DatabaseQueue) throws {
        try LedgerSchemaError.refuse(applied: database.read { db in try migrator.appliedIdentifiers(db) })
    }

    /// Runs `body` at once: one process owns the file, and its `CitizenLocks` is the whole lock.
    public func withCitizenLock<T: Sendable>(_ key: String, _ body: @Sendable () async -> T) async throws -> T {
        await body()
    }

    public func deadline(personId: String, interviewType: Int) async throws -> CitizenDeadline? {
        try await database.read { db in try CitizenDeadline.fetchOne(db, key: ["personId": personId, "interviewType": interviewType]) }
    }

    public func fixDeadline(_ proposed: CitizenDeadline) async throws -> CitizenDeadline {
        try await database.write { db in
            if let fixed = try CitizenDeadline.fetchOne(db, key: ["personId": proposed.personId, "interviewType": proposed.interviewType]) {
                return fixed
            }
            try proposed.insert(db)
            return proposed
        }
    }

    public func unmappedCaseworkerIds() async throws -> [String: Int] {
        try await database.read { db in
            var ids: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT resourceId, caseWorkerId FROM unmappedCaseworker") {
                ids[row["resourceId"]] = row["caseWorkerId"]
            }
            return ids
        }
    }

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

    public func bookings(personId: String) async throws -> [LedgerBooking] {
        try await database.read { db in
            try LedgerBooking.filter(Column("personId") == personId).order(Column("start")).fetchAll(db)
        }
    }

    public func save(_ booking: LedgerBooking) async throws {
        try await database.write { db in try booking.save(db) }
    }

    public func save(_ booking: LedgerBooking, enrollment: LedgerEnrollment) async throws {
        try await database.write { db in
            try booking.save(db)
            try enrollment.save(db)
        }
    }

    public func insertPending(_ booking: LedgerBooking) async throws -> Bool {
        try await database.write { db in
            if let existing = try LedgerBooking.fetchOne(db, key: booking.requestKey), existing.state != .cancelled { return false }
            try booking.save(db)
            return true
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

    public func enrollments(personId: String) async throws -> [LedgerEnrollment] {
        try await database.read { db in try LedgerEnrollment.filter(Column("personId") == personId).fetchAll(db) }
    }

    public func enrollments(since date: Date?) async throws -> [LedgerEnrollment] {
        try await rows(LedgerEnrollment.self, timedBy: "createdAt", since: date)
    }

    public func save(_ report: LedgerFejlmelding) async throws {
        try await database.write { db in try report.insert(db) }
    }

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

    public func journal(_ entry: RebookingJournalEntry, owner: String, leaseSeconds: Double?) async throws -> Bool {
        try await database.write { db in
            if let held = try RebookingJournalEntry.fetchOne(db, key: entry.id)?.leaseOwner, held != owner { return false }
            var entry = entry
            entry.leaseOwner = owner
            entry.leaseUntil = leaseSeconds.map { Date().addingTimeInterval($0) }
            try entry.save(db)
            return true
        }
    }

    public func unfinishedRebookings(leaseExpiredOnly: Bool) async throws -> [RebookingJournalEntry] {
        let now = Date()
        return try await database.read { db in
            var request = Self.unfinished
            if leaseExpiredOnly { request = request.filter(Column("leaseUntil") == nil || Column("leaseUntil") < now) }
            return try request.fetchAll(db)
        }
    }

    public func rebooking(id: String) async throws -> RebookingJournalEntry? {
        try await database.read { db in try RebookingJournalEntry.fetchOne(db, key: id) }
    }

    public func claimRebooking(id: String, owner: String, leaseSeconds: Double, respectingLease: Bool) async throws -> RebookingJournalEntry? {
        let now = Date()
        return try await database.write { db in
            guard var entry = try Self.unfinished.filter(key: id).fetchOne(db) else { return nil }
            if respectingLease, let lease = entry.leaseUntil, lease >= now { return nil }
            entry.leaseOwner = owner
            entry.leaseUntil = now.addingTimeInterval(leaseSeconds)
            try entry.update(db)
            return entry
        }
    }

    private static var unfinished: QueryInterfaceRequest<RebookingJournalEntry> {
        RebookingJournalEntry.filter(RebookingJournalEntry.Step.finished.contains(Column("step")) == false)
    }

    public func close() throws {
        guard closed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        try queue.close()
    }

    public func checkReadable() async throws {
        try await database.read { db in _ = try Row.fetchOne(db, sql: "SELECT requestKey FROM booking LIMIT 1") }
    }

    public func count() async throws -> Int {
        try await database.read { db in try LedgerBooking.fetchCount(db) }
    }
}
