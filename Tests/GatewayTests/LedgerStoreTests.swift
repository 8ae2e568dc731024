import CopenhagenTime
import Foundation
@testable import Gateway
import Testing

/// The ledger's questions get the same answers from both stores: what the operations rely on, held
/// against SQLite and a real PostgreSQL.
@Suite struct LedgerStoreTests {
    static let time = CopenhagenTime.parse("2031-03-10T09:30:00")!
    static let person = "0d6a3c1e-0000-4000-8000-000000000001"

    static func booking(_ key: String, planner: String?, person: String = person, start: Date = time, state: LedgerBooking.State = .booked)
        -> LedgerBooking
    {
        LedgerBooking(
            requestKey: key, plannerBookingId: planner, offerId: "offer-\(key)", personId: person, start: start,
            end: start.addingTimeInterval(1800), resourceId: key == "a" ? "resource" : nil, samtaleform: key == "a" ? 2 : nil,
            origin: .selfBooked, state: state, createdAt: time, updatedAt: time)
    }

    static func rebooking(_ id: String, step: RebookingJournalEntry.Step) -> RebookingJournalEntry {
        RebookingJournalEntry(
            id: id, personId: person, oldBookingId: "old", oldOfferId: "offer", oldStart: time, newOfferId: "offer",
            newStart: time.addingTimeInterval(86_400), newResourceId: "resource", newReservationId: nil, step: step, updatedAt: time)
    }

    @Test(arguments: LedgerBackend.allCases)
    func rowsComeBackAsWritten(_ backend: LedgerBackend) async throws {
        try await withLedger(backend) { ledger in
            // Bookings: by key, by Planner's id (any case), by person in start order; a save replaces.
            let a = Self.booking("a", planner: "p-a", start: Self.time.addingTimeInterval(3600))
            let b = Self.booking("b", planner: nil)
            try await ledger.save(a)
            try await ledger.save(b)
            #expect(try await ledger.booking(key: "a") == a)
            #expect(try await ledger.booking(plannerBookingId: "P-A") == a)
            #expect(try await ledger.bookings(personId: UUID(uuidString: Self.person)!).map(\.requestKey) == ["b", "a"])
            #expect(try await ledger.hasBookings(offerId: "offer-a"))
            #expect(try await !ledger.hasBookings(offerId: "offer-c"))
            var cancelled = a
            cancelled.state = .cancelled
            try await ledger.save(cancelled)
            #expect(try await ledger.booking(key: "a")?.state == .cancelled)
            #expect(try await ledger.count() == 2)
            try await ledger.removeBooking(key: "b")
            #expect(try await ledger.booking(key: "b") == nil)

            // A booking and its enrollment together; listings from a day on.
            let enrollment = LedgerEnrollment(
                receiptId: "r1", personId: Self.person, enrollmentDate: Self.time, clientCategory: 3, unemploymentStatus: 1,
                professions: #"[{"code":"2512"}]"#, bookingKey: "c", createdAt: Self.time)
            try await ledger.save(Self.booking("c", planner: "p-c"), enrollment: enrollment)
            #expect(try await ledger.enrollment(bookingKey: "c") == enrollment)
            #expect(try await ledger.enrollments(personId: UUID(uuidString: Self.person)!) == [enrollment])
            #expect(try await ledger.enrollments(since: Self.time).count == 1)
            #expect(try await ledger.enrollments(since: Self.time.addingTimeInterval(1)).isEmpty)

            let report = LedgerFejlmelding(
                id: "f1", receivedAt: Self.time, reportedAt: Self.time, origin: 32, code: 4, text: "tekst", offerId: nil,
                bookingId: "p-a", citizen: "010190-xxxx")
            try await ledger.save(report)
            #expect(try await ledger.fejlmeldinger(since: nil) == [report])

            // The rebooking journal: unfinished until done, with this instance's lease; none once finished.
            try await ledger.journal(Self.rebooking("r", step: .cancelled))
            let written = try #require(await ledger.rebooking(id: "r"))
            #expect(written.step == .cancelled)
            #expect(written.leaseOwner == ledger.instance)
            #expect(written.leaseUntil != nil)
            #expect(try await ledger.unfinishedRebookings().map(\.id) == ["r"])
            try await ledger.journal(Self.rebooking("r", step: .done))
            #expect(try await ledger.unfinishedRebookings().isEmpty)
            #expect(try await ledger.rebooking(id: "r")?.leaseUntil == nil)

            // A deadline is fixed once: a second proposal gets the first.
            let first = CitizenDeadline(personId: Self.person, interviewType: 1, status: 1, bookBy: Self.time, holdBy: Self.time, fixedAt: Self.time)
            var second = first
            second.bookBy = Self.time.addingTimeInterval(86_400)
            #expect(try await ledger.fixDeadline(first) == first)
            #expect(try await ledger.fixDeadline(second) == first)
            #expect(try await ledger.deadline(personId: Self.person, interviewType: 1) == first)

            // Unmapped caseworkers: ids from the first up, one per resource, the same when asked again.
            #expect(try await ledger.assignUnmappedCaseworkerId(resourceId: "x", firstId: 900_000, at: Self.time) == 900_000)
            #expect(try await ledger.assignUnmappedCaseworkerId(resourceId: "y", firstId: 900_000, at: Self.time) == 900_001)
            #expect(try await ledger.assignUnmappedCaseworkerId(resourceId: "x", firstId: 900_000, at: Self.time) == 900_000)
            #expect(try await ledger.unmappedCaseworkerIds() == ["x": 900_000, "y": 900_001])
        }
    }

    /// A request's pending row goes in once; again only after its booking was cancelled.
    @Test(arguments: LedgerBackend.allCases)
    func aPendingRowGoesInOnlyWhereNoLiveRowIs(_ backend: LedgerBackend) async throws {
        try await withLedger(backend) { ledger in
            let pending = Self.booking("k", planner: nil, state: .pending)
            let inserted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 { group.addTask { try await ledger.insertPending(pending) } }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(inserted == 1)
            var booked = pending
            booked.state = .booked
            booked.plannerBookingId = "p-k"
            try await ledger.save(booked)
            #expect(try await !ledger.insertPending(pending))
            booked.state = .cancelled
            try await ledger.save(booked)
            #expect(try await ledger.insertPending(pending))
            #expect(try await ledger.booking(key: "k")?.state == .pending)
        }
    }

    /// Many resources seen at once get distinct ids, and each resource one id.
    @Test(arguments: LedgerBackend.allCases)
    func unmappedCaseworkersSeenAtOnceGetDistinctIds(_ backend: LedgerBackend) async throws {
        try await withLedger(backend) { ledger in
            let ids = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for index in 0..<20 {
                    let resource = "resource-\(index % 5)"
                    group.addTask { (resource, try await ledger.assignUnmappedCaseworkerId(resourceId: resource, firstId: 900_000, at: Self.time)) }
                }
                return try await group.reduce(into: [String: Set<Int>]()) { $0[$1.0, default: []].insert($1.1) }
            }
            #expect(ids.values.allSatisfy { $0.count == 1 })
            #expect(Set(ids.values.flatMap { $0 }) == Set(900_000..<900_005))
        }
    }

    /// A rebooking whose lease is live is not taken over; once it ran out, one claim of many wins.
    @Test(arguments: LedgerBackend.allCases)
    func aRebookingIsClaimedOnceItsLeaseRanOutAndByOneOnly(_ backend: LedgerBackend) async throws {
        try await withLedger(backend, leaseSeconds: 0.5) { ledger in
            let other = Ledger(store: ledger.store, leaseSeconds: 60)
            try await ledger.journal(Self.rebooking("r", step: .reserved))
            #expect(try await other.claimRebooking(id: "r", ignoringLease: false) == nil)
            try await Task.sleep(for: .milliseconds(700))
            let claims = try await withThrowingTaskGroup(of: RebookingJournalEntry?.self) { group in
                for _ in 0..<10 { group.addTask { try await other.claimRebooking(id: "r", ignoringLease: false) } }
                return try await group.compactMap { $0 }.reduce(into: []) { $0.append($1) }
            }
            #expect(claims.count == 1)
            #expect(claims.first?.leaseOwner == other.instance)
            // The instance that lost it takes no further step.
            await #expect(throws: RebookingLeaseLostError.self) { try await ledger.journal(Self.rebooking("r", step: .cancelled)) }
            #expect(try await ledger.rebooking(id: "r")?.step == .reserved)
            // Start-up on a ledger no one shares ignores the lease; a finished rebooking is never claimed.
            #expect(try await ledger.claimRebooking(id: "r", ignoringLease: true) != nil)
            try await ledger.journal(Self.rebooking("r", step: .undone))
            #expect(try await ledger.claimRebooking(id: "r", ignoringLease: true) == nil)
            #expect(try await ledger.unfinishedRebookings().isEmpty)
        }
    }
}
