import Foundation
import PostgresNIO

/// The ledger's reads and writes in SQL: each table's columns in one order, for its SELECTs and its rows.
extension PostgresLedgerStore {
    static let bookingColumns =
        #"requestKey, plannerBookingId, offerId, personId, start, "end", resourceId, samtaleform, origin, state, createdAt, updatedAt"#
    static let enrollmentColumns =
        "receiptId, personId, enrollmentDate, clientCategory, unemploymentStatus, professions, bookingKey, createdAt"
    static let fejlmeldingColumns = "id, receivedAt, reportedAt, origin, code, text, offerId, bookingId, citizen"
    static let rebookingColumns = """
        id, personId, oldBookingId, oldOfferId, oldStart, newOfferId, newStart, newResourceId, newReservationId, step, updatedAt, \
        leaseOwner, leaseUntil
        """
    static let deadlineColumns = "personId, interviewType, status, bookBy, holdBy, fixedAt"
    /// `column = EXCLUDED.column` for each of `columns` but `key`: an upsert's update of the whole row,
    /// from the same column list as its INSERT, so a column added to the list is updated too.
    static func updatingAll(_ columns: String, but key: String) -> String {
        columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { $0 != key }
            .map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
    }

    static let bookingUpdate = updatingAll(bookingColumns, but: "requestKey")
    static let enrollmentUpdate = updatingAll(enrollmentColumns, but: "receiptId")
    static let rebookingUpdate = updatingAll(rebookingColumns, but: "id")

    /// The journal's finished steps, as an SQL list: `RebookingJournalEntry.Step.finished`, the same rule SQLite's store uses.
    static let finishedSteps = "(" + RebookingJournalEntry.Step.finished.map { "'\($0)'" }.joined(separator: ", ") + ")"
    /// A journal entry no live instance holds: its lease never taken, or run out (in PostgreSQL's time).
    static let leaseRunOut = "AND (leaseUntil IS NULL OR leaseUntil < now())"

    // MARK: Deadlines

    public func deadline(personId: String, interviewType: Int) async throws -> CitizenDeadline? {
        try await rows("""
            SELECT \(unescaped: Self.deadlineColumns) FROM citizenDeadline WHERE personId = \(personId) AND interviewType = \(interviewType)
            """).first.map(Self.deadline)
    }

    public func fixDeadline(_ proposed: CitizenDeadline) async throws -> CitizenDeadline {
        _ = try await rows("""
            INSERT INTO citizenDeadline (\(unescaped: Self.deadlineColumns)) VALUES (\(proposed.personId), \(proposed.interviewType),
              \(proposed.status), \(proposed.bookBy), \(proposed.holdBy), \(proposed.fixedAt))
            ON CONFLICT (personId, interviewType) DO NOTHING
            """)
        // The one in force: this call's, or the one another call fixed first.
        guard let fixed = try await deadline(personId: proposed.personId, interviewType: proposed.interviewType) else {
            throw LedgerDatabaseError(message: "a fixed deadline was not found again")
        }
        return fixed
    }

    static func deadline(_ row: PostgresRow) throws -> CitizenDeadline {
        let (personId, interviewType, status, bookBy, holdBy, fixedAt) = try row.decode((String, Int, Int, Date, Date, Date).self)
        return CitizenDeadline(personId: personId, interviewType: interviewType, status: status, bookBy: bookBy, holdBy: holdBy, fixedAt: fixedAt)
    }

    // MARK: Unmapped caseworkers

    public func unmappedCaseworkerIds() async throws -> [String: Int] {
        var ids: [String: Int] = [:]
        for row in try await rows("SELECT resourceId, caseWorkerId FROM unmappedCaseworker") {
            let (resource, id) = try row.decode((String, Int).self)
            ids[resource] = id
        }
        return ids
    }

    /// The table is locked for the transaction: two instances seeing a new resource at once give it one id,
    /// and never one id to two resources.
    public func assignUnmappedCaseworkerId(resourceId: String, firstId: Int, at time: Date) async throws -> Int {
        try await transaction { [logger] connection in
            try await connection.run("LOCK TABLE unmappedCaseworker IN SHARE ROW EXCLUSIVE MODE", logger: logger)
            if let known = try await connection.run(
                "SELECT caseWorkerId FROM unmappedCaseworker WHERE resourceId = \(resourceId)", logger: logger
            ).first {
                return try known.decode(Int.self)
            }
            let highest = try await connection.run("SELECT MAX(caseWorkerId) FROM unmappedCaseworker", logger: logger)
                .first?.decode(Int?.self) ?? nil
            let id = max((highest ?? firstId - 1) + 1, firstId)
            try await connection.run(
                "INSERT INTO unmappedCaseworker (resourceId, caseWorkerId, firstSeen) VALUES (\(resourceId), \(id), \(time))", logger: logger)
            return id
        }
    }

    // MARK: Bookings

    public func booking(key: String) async throws -> LedgerBooking? {
        try await rows("SELECT \(unescaped: Self.bookingColumns) FROM booking WHERE requestKey = \(key)").first.map(Self.booking)
    }

    public func booking(plannerBookingId: String) async throws -> LedgerBooking? {
        try await rows("""
            SELECT \(unescaped: Self.bookingColumns) FROM booking WHERE plannerBookingId = \(plannerBookingId.lowercased())
            """).first.map(Self.booking)
    }

    public func hasBookings(offerId: String) async throws -> Bool {
        try await !rows("SELECT 1 FROM booking WHERE offerId = \(offerId) LIMIT 1").isEmpty
    }

    public func bookings(personId: String) async throws -> [LedgerBooking] {
        try await rows("SELECT \(unescaped: Self.bookingColumns) FROM booking WHERE personId = \(personId) ORDER BY start")
            .map(Self.booking)
    }

    public func save(_ booking: LedgerBooking) async throws {
        _ = try await rows(Self.upsert(booking))
    }

    public func save(_ booking: LedgerBooking, enrollment: LedgerEnrollment) async throws {
        try await transaction { [logger] connection in
            try await connection.run(Self.upsert(booking), logger: logger)
            try await connection.run(Self.upsert(enrollment), logger: logger)
        }
    }

    /// One statement: the row goes in unless a row for the request is there that is not cancelled.
    public func insertPending(_ booking: LedgerBooking) async throws -> Bool {
        var query = Self.upsert(booking)
        query.sql += " WHERE booking.state = 'cancelled' RETURNING 1"
        return try await !rows(query).isEmpty
    }

    public func removeBooking(key: String) async throws {
        _ = try await rows("DELETE FROM booking WHERE requestKey = \(key)")
    }

    static func upsert(_ b: LedgerBooking) -> PostgresQuery {
        """
        INSERT INTO booking (\(unescaped: bookingColumns)) VALUES (\(b.requestKey), \(b.plannerBookingId), \(b.offerId), \(b.personId),
          \(b.start), \(b.end), \(b.resourceId), \(b.samtaleform), \(b.origin.rawValue), \(b.state.rawValue), \(b.createdAt), \(b.updatedAt))
        ON CONFLICT (requestKey) DO UPDATE SET \(unescaped: bookingUpdate)
        """
    }

    static func booking(_ row: PostgresRow) throws -> LedgerBooking {
        let (key, plannerId, offer, person, start, end, resource, samtaleform, origin, state, created, updated) = try row.decode(
            (String, String?, String, String, Date, Date, String?, Int?, String, String, Date, Date).self)
        guard let origin = LedgerBooking.Origin(rawValue: origin), let state = LedgerBooking.State(rawValue: state) else {
            throw LedgerDatabaseError(message: "a booking row has an origin or state this gateway does not know")
        }
        return LedgerBooking(
            requestKey: key, plannerBookingId: plannerId, offerId: offer, personId: person, start: start, end: end, resourceId: resource,
            samtaleform: samtaleform, origin: origin, state: state, createdAt: created, updatedAt: updated)
    }

    // MARK: Enrollments

    public func enrollment(bookingKey: String) async throws -> LedgerEnrollment? {
        try await rows("SELECT \(unescaped: Self.enrollmentColumns) FROM enrollment WHERE bookingKey = \(bookingKey) LIMIT 1")
            .first.map(Self.enrollment)
    }

    public func save(_ enrollment: LedgerEnrollment) async throws {
        _ = try await rows(Self.upsert(enrollment))
    }

    public func enrollments(personId: String) async throws -> [LedgerEnrollment] {
        try await rows("SELECT \(unescaped: Self.enrollmentColumns) FROM enrollment WHERE personId = \(personId)").map(Self.enrollment)
    }

    public func enrollments(since date: Date?) async throws -> [LedgerEnrollment] {
        try await rows("""
            SELECT \(unescaped: Self.enrollmentColumns) FROM enrollment WHERE createdAt >= \(date ?? .distantPast) ORDER BY createdAt
            """).map(Self.enrollment)
    }

    static func upsert(_ e: LedgerEnrollment) -> PostgresQuery {
        """
        INSERT INTO enrollment (\(unescaped: enrollmentColumns)) VALUES (\(e.receiptId), \(e.personId), \(e.enrollmentDate),
          \(e.clientCategory), \(e.unemploymentStatus), \(e.professions), \(e.bookingKey), \(e.createdAt))
        ON CONFLICT (receiptId) DO UPDATE SET \(unescaped: enrollmentUpdate)
        """
    }

    static func enrollment(_ row: PostgresRow) throws -> LedgerEnrollment {
        let (receipt, person, date, category, status, professions, key, created) = try row.decode(
            (String, String, Date, Int, Int, String, String, Date).self)
        return LedgerEnrollment(
            receiptId: receipt, personId: person, enrollmentDate: date, clientCategory: category, unemploymentStatus: status,
            professions: professions, bookingKey: key, createdAt: created)
    }

    // MARK: Fejlmeldinger

    public func save(_ r: LedgerFejlmelding) async throws {
        _ = try await rows("""
            INSERT INTO fejlmelding (\(unescaped: Self.fejlmeldingColumns)) VALUES (\(r.id), \(r.receivedAt), \(r.reportedAt),
              \(r.origin), \(r.code), \(r.text), \(r.offerId), \(r.bookingId), \(r.citizen))
            """)
    }

    public func fejlmeldinger(since date: Date?) async throws -> [LedgerFejlmelding] {
        try await rows("""
            SELECT \(unescaped: Self.fejlmeldingColumns) FROM fejlmelding WHERE receivedAt >= \(date ?? .distantPast) ORDER BY receivedAt
            """).map { row in
            let (id, received, reported, origin, code, text, offer, booking, citizen) = try row.decode(
                (String, Date, Date, Int, Int, String?, String?, String?, String?).self)
            return LedgerFejlmelding(
                id: id, receivedAt: received, reportedAt: reported, origin: origin, code: code, text: text, offerId: offer,
                bookingId: booking, citizen: citizen)
        }
    }

    // MARK: The rebooking journal

    /// The lease in PostgreSQL's time (`now()`), not this host's: the instances' clocks need not agree. The
    /// update is refused (false) when another instance has claimed the entry.
    public func journal(_ e: RebookingJournalEntry, owner: String, leaseSeconds: Double?) async throws -> Bool {
        try await !rows("""
            INSERT INTO rebooking (\(unescaped: Self.rebookingColumns)) VALUES (\(e.id), \(e.personId), \(e.oldBookingId),
              \(e.oldOfferId), \(e.oldStart), \(e.newOfferId), \(e.newStart), \(e.newResourceId), \(e.newReservationId),
              \(e.step.rawValue), \(e.updatedAt), \(owner),
              now() + make_interval(secs => \(leaseSeconds)::float8))
            ON CONFLICT (id) DO UPDATE SET \(unescaped: Self.rebookingUpdate)
            WHERE rebooking.leaseOwner IS NULL OR rebooking.leaseOwner = EXCLUDED.leaseOwner
            RETURNING 1
            """).isEmpty
    }

    public func unfinishedRebookings(leaseExpiredOnly: Bool) async throws -> [RebookingJournalEntry] {
        try await rows("""
            SELECT \(unescaped: Self.rebookingColumns) FROM rebooking WHERE step NOT IN \(unescaped: Self.finishedSteps)
            \(unescaped: leaseExpiredOnly ? Self.leaseRunOut : "") ORDER BY updatedAt
            """).map(Self.rebooking)
    }

    public func rebooking(id: String) async throws -> RebookingJournalEntry? {
        try await rows("SELECT \(unescaped: Self.rebookingColumns) FROM rebooking WHERE id = \(id)").first.map(Self.rebooking)
    }

    /// One conditional UPDATE, in PostgreSQL's time: of two instances claiming at once, PostgreSQL lets one
    /// change the row and the other, re-checking the condition after it, finds the lease taken.
    public func claimRebooking(id: String, owner: String, leaseSeconds: Double, respectingLease: Bool) async throws -> RebookingJournalEntry? {
        try await rows("""
            UPDATE rebooking SET leaseOwner = \(owner), leaseUntil = now() + make_interval(secs => \(leaseSeconds)::float8)
            WHERE id = \(id) AND step NOT IN \(unescaped: Self.finishedSteps)
              \(unescaped: respectingLease ? Self.leaseRunOut : "")
            RETURNING \(unescaped: Self.rebookingColumns)
            """).first.map(Self.rebooking)
    }

    static func rebooking(_ row: PostgresRow) throws -> RebookingJournalEntry {
        let (id, person, oldBooking, oldOffer, oldStart, newOffer, newStart, newResource, reservation, step, updated, owner, until) =
            try row.decode(
                (String, String, String, String, Date, String, Date, String, String?, String, Date, String?, Date?).self)
        guard let step = RebookingJournalEntry.Step(rawValue: step) else {
            throw LedgerDatabaseError(message: "a rebooking row has a step this gateway does not know")
        }
        return RebookingJournalEntry(
            id: id, personId: person, oldBookingId: oldBooking, oldOfferId: oldOffer, oldStart: oldStart, newOfferId: newOffer,
            newStart: newStart, newResourceId: newResource, newReservationId: reservation, step: step, updatedAt: updated,
            leaseOwner: owner, leaseUntil: until)
    }

    // MARK: Retention

    /// `Ledger.deleteExpired`, in one transaction.
    public func deleteExpired(before horizon: Date) async throws -> Ledger.Retained {
        try await transaction { [logger] connection in
            func deleted(_ query: PostgresQuery) async throws -> Int {
                try await connection.run(query, logger: logger).count
            }
            var retained = Ledger.Retained()
            retained.enrollments = try await deleted("DELETE FROM enrollment WHERE createdAt < \(horizon) RETURNING 1")
            retained.bookings = try await deleted("""
                DELETE FROM booking WHERE "end" < \(horizon) AND requestKey NOT IN (SELECT bookingKey FROM enrollment) RETURNING 1
                """)
            retained.fejlmeldinger = try await deleted("DELETE FROM fejlmelding WHERE receivedAt < \(horizon) RETURNING 1")
            retained.rebookings = try await deleted(
                "DELETE FROM rebooking WHERE step IN \(unescaped: Self.finishedSteps) AND updatedAt < \(horizon) RETURNING 1")
            retained.deadlines = try await deleted("DELETE FROM citizenDeadline WHERE holdBy < \(horizon) RETURNING 1")
            return retained
        }
    }
}
