import Foundation

/// Where the ledger's rows live: the seam between the gateway's guarantees and a database.
///
/// Two stores: `SQLiteLedgerStore`, the embedded default for one instance, and `PostgresLedgerStore`,
/// shared by several instances behind a load balancer. Each keeps the same schema by the same migration
/// names and answers the same questions; what differs is what a store must add for other instances to
/// exist — a citizen lock and a rebooking claim that hold across processes (`isShared`).
public protocol LedgerStore: Sendable {
    /// Other gateway instances may use this store at the same time (PostgreSQL). A store that is not
    /// shared belongs to one process, so at its start every rebooking lease is stale by definition.
    var isShared: Bool { get }

    /// Runs `body` while holding the citizen's lock across every instance on this store; a store that is
    /// not shared runs it at once (the process's own `CitizenLocks` is then the whole lock). Throws when
    /// the lock cannot be had (the database is unreachable, or another instance held it too long).
    func withCitizenLock<T: Sendable>(_ key: String, _ body: @Sendable () async -> T) async throws -> T

    func deadline(personId: String, interviewType: Int) async throws -> CitizenDeadline?
    func fixDeadline(_ proposed: CitizenDeadline) async throws -> CitizenDeadline

    func unmappedCaseworkerIds() async throws -> [String: Int]
    func assignUnmappedCaseworkerId(resourceId: String, firstId: Int, at time: Date) async throws -> Int

    func booking(key: String) async throws -> LedgerBooking?
    func booking(plannerBookingId: String) async throws -> LedgerBooking?
    func hasBookings(offerId: String) async throws -> Bool
    func bookings(personId: String) async throws -> [LedgerBooking]
    func save(_ booking: LedgerBooking) async throws
    func save(_ booking: LedgerBooking, enrollment: LedgerEnrollment) async throws
    /// Writes a request's pending row (before Planner is asked) unless the ledger holds a row for the same
    /// request that is not cancelled; false then: another call is making, or has made, that booking.
    func insertPending(_ booking: LedgerBooking) async throws -> Bool
    func removeBooking(key: String) async throws

    func enrollment(bookingKey: String) async throws -> LedgerEnrollment?
    func save(_ enrollment: LedgerEnrollment) async throws
    func enrollments(personId: String) async throws -> [LedgerEnrollment]
    func enrollments(since date: Date?) async throws -> [LedgerEnrollment]

    func save(_ report: LedgerFejlmelding) async throws
    func fejlmeldinger(since date: Date?) async throws -> [LedgerFejlmelding]

    /// Writes a journal entry as `owner`'s, leased for `leaseSeconds` from now (none: a finished entry).
    /// False, and nothing written, when another owner has claimed the entry meanwhile. "Now" is the
    /// store's clock (PostgreSQL's `now()`), so that instances whose clocks differ agree on a lease.
    func journal(_ entry: RebookingJournalEntry, owner: String, leaseSeconds: Double?) async throws -> Bool
    /// The unfinished rebookings; only those whose lease has run out, when `leaseExpiredOnly`.
    func unfinishedRebookings(leaseExpiredOnly: Bool) async throws -> [RebookingJournalEntry]
    func rebooking(id: String) async throws -> RebookingJournalEntry?
    /// Takes over an unfinished rebooking for `owner`, leased for `leaseSeconds`, if its lease has run out
    /// (whatever the lease says, unless `respectingLease`); nil when it is finished or another instance
    /// holds it. One statement or transaction: two instances never both get it.
    func claimRebooking(id: String, owner: String, leaseSeconds: Double, respectingLease: Bool) async throws -> RebookingJournalEntry?

    func deleteExpired(before horizon: Date) async throws -> Ledger.Retained

    /// Throws when the ledger cannot be read; cheap whatever its size.
    func checkReadable() async throws
    func count() async throws -> Int
    func close() throws
}
