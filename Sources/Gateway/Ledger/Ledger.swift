import CopenhagenTime
import Foundation
import Logging

/// The booking ledger: what the gateway knows that Planner does not say (a booking's offer and owner,
/// idempotency keys, the rebooking journal, enrollments, fejlmeldinger, fixed deadlines, the ids of
/// unmapped caseworkers), in a `LedgerStore`: a SQLite file (the default, one instance) or PostgreSQL
/// (several instances). Every write is a transaction.
public final class Ledger: Sendable {
    let store: any LedgerStore
    /// This process's name in rebooking leases (host, process id and a random part: unique per start).
    public let instance: String
    /// How long a rebooking's lease lasts past each of its steps: another instance takes the rebooking
    /// over only after it. Longer than any one Planner step may take.
    public let leaseSeconds: Double

    /// Other instances may share this ledger (PostgreSQL).
    public var isShared: Bool { store.isShared }

    public init(store: any LedgerStore, leaseSeconds: Double = 60) {
        self.store = store
        self.leaseSeconds = leaseSeconds
        instance = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Opens (creating and migrating) a SQLite ledger at `path`; `nil` keeps it in memory (tests, demos).
    /// Refuses (`LedgerSchemaError`) a ledger a newer gateway has migrated past what this one knows.
    public convenience init(path: String?, leaseSeconds: Double = 60) throws {
        self.init(store: try SQLiteLedgerStore(path: path), leaseSeconds: leaseSeconds)
    }

    /// Where the PostgreSQL client's own messages go: standard error, errors only (never the mapping log,
    /// whose lines are the gateway's).
    public static let databaseLogger: Logger = {
        var logger = Logger(label: "jobnet-gateway.ledger")
        logger.logLevel = .error
        return logger
    }()

    /// Opens `database`: a `postgres://` URL (`PostgresLocation`) or a SQLite path.
    public static func open(_ database: String, leaseSeconds: Double = 60, logger: Logger) async throws -> Ledger {
        guard PostgresLocation.isPostgres(database) else {
            return try Ledger(path: database, leaseSeconds: leaseSeconds)
        }
        return Ledger(store: try await PostgresLedgerStore.open(try PostgresLocation(database), logger: logger), leaseSeconds: leaseSeconds)
    }

    /// Migrates the SQLite ledger at `path` (creating it) and returns the migrations it applied, in order;
    /// none when it was up to date.
    public static func migrate(path: String) throws -> [String] {
        try SQLiteLedgerStore.migrate(path: path)
    }

    /// Migrates `database` (a SQLite path or a `postgres://` URL): what `jobnet-gateway migrate` runs,
    /// for a deploy pipeline that migrates before it starts the new gateways.
    public static func migrate(database: String, logger: Logger) async throws -> [String] {
        guard PostgresLocation.isPostgres(database) else { return try migrate(path: database) }
        let store = try PostgresLedgerStore(try PostgresLocation(database), logger: logger)
        defer { try? store.close() }
        return try await store.migrate()
    }

    /// The migrations this gateway knows, in order: the last is the schema it writes.
    public static var knownMigrations: [String] { LedgerSchema.versions }

    /// The idempotency key of a booking request: the same citizen, offer and start time is the same booking.
    public static func key(personId: UUID, offerId: UUID, start: Date) -> String {
        "\(personId.lowercasedText)|\(offerId.lowercasedText)|\(CopenhagenTime.format(start))"
    }

    /// Runs `body` holding the citizen's lock on every instance sharing this ledger (at once, when none can).
    public func withCitizenLock<T: Sendable>(_ key: String, _ body: @Sendable () async -> T) async throws -> T {
        try await store.withCitizenLock(key, body)
    }

    /// The citizen's deadline for an interview type, if one is fixed.
    public func deadline(personId: String, interviewType: Int) async throws -> CitizenDeadline? {
        try await store.deadline(personId: personId, interviewType: interviewType)
    }

    /// The citizen's deadline for an interview type, fixing `proposed` as it if there is none yet (so two
    /// calls at once, on any instance, fix one). Returns the one in force.
    public func fixDeadline(_ proposed: CitizenDeadline) async throws -> CitizenDeadline {
        try await store.fixDeadline(proposed)
    }

    /// Every CaseWorkerID the gateway has assigned to an unmapped Planner resource, by resource id.
    public func unmappedCaseworkerIds() async throws -> [String: Int] {
        try await store.unmappedCaseworkerIds()
    }

    /// The CaseWorkerID of an unmapped resource: the one it already has, else the next free one from
    /// `firstId` up, assigned in one transaction so two calls (on any instance) never give one id twice.
    public func assignUnmappedCaseworkerId(resourceId: String, firstId: Int, at time: Date) async throws -> Int {
        try await store.assignUnmappedCaseworkerId(resourceId: resourceId, firstId: firstId, at: time)
    }

    public func booking(key: String) async throws -> LedgerBooking? {
        try await store.booking(key: key)
    }

    public func booking(plannerBookingId: String) async throws -> LedgerBooking? {
        try await store.booking(plannerBookingId: plannerBookingId)
    }

    public func hasBookings(offerId: String) async throws -> Bool {
        try await store.hasBookings(offerId: offerId)
    }

    public func bookings(personId: UUID) async throws -> [LedgerBooking] {
        try await store.bookings(personId: personId.lowercasedText)
    }

    /// Writes (or replaces) a booking row.
    public func save(_ booking: LedgerBooking) async throws {
        try await store.save(booking)
    }

    /// Writes a booking and its enrollment in one transaction: both or neither.
    public func save(_ booking: LedgerBooking, enrollment: LedgerEnrollment) async throws {
        try await store.save(booking, enrollment: enrollment)
    }

    /// Writes a request's pending row before Planner is asked, unless a row for the same request is there
    /// that is not cancelled (false): idempotent creation rests on the ledger's key, not on the lock alone.
    public func insertPending(_ booking: LedgerBooking) async throws -> Bool {
        try await store.insertPending(booking)
    }

    public func removeBooking(key: String) async throws {
        try await store.removeBooking(key: key)
    }

    public func enrollment(bookingKey: String) async throws -> LedgerEnrollment? {
        try await store.enrollment(bookingKey: bookingKey)
    }

    public func save(_ enrollment: LedgerEnrollment) async throws {
        try await store.save(enrollment)
    }

    public func enrollments(personId: UUID) async throws -> [LedgerEnrollment] {
        try await store.enrollments(personId: personId.lowercasedText)
    }

    public func save(_ report: LedgerFejlmelding) async throws {
        try await store.save(report)
    }

    /// The enrollments StraksbookOgTilmeld recorded since `date` (all when nil), oldest first
    /// (`jobnet-gateway enrollments`).
    public func enrollments(since date: Date?) async throws -> [LedgerEnrollment] {
        try await store.enrollments(since: date)
    }

    /// The error reports received since `date` (all when nil), oldest first (`jobnet-gateway fejlmeldinger`).
    public func fejlmeldinger(since date: Date?) async throws -> [LedgerFejlmelding] {
        try await store.fejlmeldinger(since: date)
    }

    /// Writes a rebooking's journal entry: before each step is taken, so that a gateway killed between
    /// steps leaves what to finish or undo. An unfinished entry carries this instance's lease, renewed by
    /// each step; a finished one none. Throws `RebookingLeaseLostError` when another instance has taken
    /// the rebooking over meanwhile: this one must not take another step.
    public func journal(_ entry: RebookingJournalEntry) async throws {
        let finished = RebookingJournalEntry.Step.finished.contains(entry.step.rawValue)
        guard try await store.journal(entry, owner: instance, leaseSeconds: finished ? nil : leaseSeconds) else {
            throw RebookingLeaseLostError(id: entry.id)
        }
    }

    /// Rebookings that were neither finished nor undone; only those whose lease has run out, when
    /// `leaseExpiredOnly` (by the ledger's clock).
    public func unfinishedRebookings(leaseExpiredOnly: Bool = false) async throws -> [RebookingJournalEntry] {
        try await store.unfinishedRebookings(leaseExpiredOnly: leaseExpiredOnly)
    }

    public func rebooking(id: String) async throws -> RebookingJournalEntry? {
        try await store.rebooking(id: id)
    }

    /// Takes an unfinished rebooking over for this instance, if its lease has run out (whatever the lease
    /// says, when `ignoringLease`: a ledger no other instance shares, at start-up). Nil when it is finished
    /// or another instance holds it.
    public func claimRebooking(id: String, ignoringLease: Bool) async throws -> RebookingJournalEntry? {
        try await store.claimRebooking(id: id, owner: instance, leaseSeconds: leaseSeconds, respectingLease: !ignoringLease)
    }

    /// Closes the ledger (at shutdown, after the last call finished).
    public func close() throws {
        try store.close()
    }

    /// Throws when the ledger cannot be read; cheap whatever its size (for /ready, polled by load balancers).
    public func checkReadable() async throws {
        try await store.checkReadable()
    }

    public func count() async throws -> Int {
        try await store.count()
    }
}

/// Another instance took a rebooking over (its lease had run out): this one stops.
public struct RebookingLeaseLostError: Error, CustomStringConvertible {
    public var id: String
    public var description: String { "rebooking \(id) was taken over by another instance: this one takes no further step" }
}
