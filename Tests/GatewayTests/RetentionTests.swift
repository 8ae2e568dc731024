import CopenhagenTime
import Foundation
@testable import Gateway
import Testing

/// The retention job deletes exactly what is past the horizon, and says so in the mapping log.
@Suite struct RetentionTests {
    static let now = CopenhagenTime.parse("2031-06-15T12:00:00")!
    static let days = 400
    /// One day either side of the horizon (now − 400 days).
    static let horizon = CopenhagenTime.adding(days: -days, to: now)
    static let before = horizon.addingTimeInterval(-86_400)
    static let after = horizon.addingTimeInterval(86_400)

    static func booking(_ key: String, end: Date) -> LedgerBooking {
        LedgerBooking(
            requestKey: key, plannerBookingId: "planner-\(key)", offerId: "offer", personId: "person-\(key)",
            start: end.addingTimeInterval(-1800), end: end, resourceId: nil, samtaleform: nil, origin: .selfBooked, state: .booked,
            createdAt: end.addingTimeInterval(-86_400 * 7), updatedAt: end.addingTimeInterval(-86_400 * 7))
    }

    static func enrollment(_ receipt: String, booking: String, at time: Date) -> LedgerEnrollment {
        LedgerEnrollment(
            receiptId: receipt, personId: "person", enrollmentDate: time, clientCategory: 1, unemploymentStatus: 1, professions: "[]",
            bookingKey: booking, createdAt: time)
    }

    static func fejlmelding(_ id: String, at time: Date) -> LedgerFejlmelding {
        LedgerFejlmelding(id: id, receivedAt: time, reportedAt: time, origin: 1, code: 1, text: nil, offerId: nil, bookingId: nil, citizen: nil)
    }

    static func rebooking(_ id: String, step: RebookingJournalEntry.Step, at time: Date) -> RebookingJournalEntry {
        RebookingJournalEntry(
            id: id, personId: "person", oldBookingId: "old", oldOfferId: "offer", oldStart: time, newOfferId: "offer", newStart: time,
            newResourceId: "resource", newReservationId: nil, step: step, updatedAt: time)
    }

    @Test(arguments: LedgerBackend.allCases)
    func exactlyTheRowsPastTheHorizonGo(_ backend: LedgerBackend) async throws {
        try await withLedger(backend) { ledger in try await Self.exactlyTheRowsPastTheHorizonGo(ledger) }
    }

    static func exactlyTheRowsPastTheHorizonGo(_ ledger: Ledger) async throws {
        // Bookings: one ended before the horizon, one after, one before but named by a kept enrollment.
        try await ledger.save(Self.booking("old", end: Self.before))
        try await ledger.save(Self.booking("recent", end: Self.after))
        try await ledger.save(Self.booking("old-enrolled-recently", end: Self.before))
        try await ledger.save(Self.enrollment("kept", booking: "old-enrolled-recently", at: Self.after))
        // An enrollment made before the horizon, and its booking, also old: both go.
        try await ledger.save(Self.booking("old-enrolled", end: Self.before), enrollment: Self.enrollment("gone", booking: "old-enrolled", at: Self.before))
        try await ledger.save(Self.fejlmelding("old", at: Self.before))
        try await ledger.save(Self.fejlmelding("recent", at: Self.after))
        // Rebookings: finished and undone long ago go; one unfinished as old stays for recovery; a recent one stays.
        try await ledger.journal(Self.rebooking("done", step: .done, at: Self.before))
        try await ledger.journal(Self.rebooking("undone", step: .undone, at: Self.before))
        try await ledger.journal(Self.rebooking("stuck", step: .cancelled, at: Self.before))
        try await ledger.journal(Self.rebooking("recent", step: .done, at: Self.after))
        _ = try await ledger.fixDeadline(CitizenDeadline(
            personId: "passed", interviewType: 1, status: 1, bookBy: Self.before, holdBy: Self.before, fixedAt: Self.before))
        _ = try await ledger.fixDeadline(CitizenDeadline(
            personId: "open", interviewType: 1, status: 1, bookBy: Self.before, holdBy: Self.after, fixedAt: Self.before))

        let retained = try #require(await RetentionService.pass(ledger: ledger, log: MappingLog(), days: Self.days, now: Self.now))
        #expect(retained == Ledger.Retained(bookings: 2, enrollments: 1, fejlmeldinger: 1, rebookings: 2, deadlines: 1))

        #expect(try await ledger.booking(key: "old") == nil)
        #expect(try await ledger.booking(key: "old-enrolled") == nil)
        #expect(try await ledger.booking(key: "recent") != nil)
        #expect(try await ledger.booking(key: "old-enrolled-recently") != nil)
        #expect(try await ledger.enrollments(since: nil).map(\.receiptId) == ["kept"])
        #expect(try await ledger.fejlmeldinger(since: nil).map(\.id) == ["recent"])
        #expect(try await ledger.rebooking(id: "done") == nil)
        #expect(try await ledger.rebooking(id: "undone") == nil)
        #expect(try await ledger.rebooking(id: "stuck") != nil)
        #expect(try await ledger.rebooking(id: "recent") != nil)
        #expect(try await ledger.deadline(personId: "passed", interviewType: 1) == nil)
        #expect(try await ledger.deadline(personId: "open", interviewType: 1) != nil)

        // A second pass finds nothing more.
        #expect(await RetentionService.pass(ledger: ledger, log: MappingLog(), days: Self.days, now: Self.now)?.total == 0)
    }

    @Test func thePassIsInTheMappingLog() async throws {
        let path = NSTemporaryDirectory() + "jobnet-gateway-retention-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ledger = try Ledger(path: nil)
        try await ledger.save(Self.fejlmelding("old", at: Self.before))
        let log = MappingLog(file: try MappingLogFile(path: path), format: .json)
        await RetentionService.pass(ledger: ledger, log: log, days: Self.days, now: Self.now)
        let line = try String(contentsOfFile: path, encoding: .utf8)
        #expect(line.contains(#""event":"retention""#), "\(line)")
        #expect(line.contains("deleted 0 bookings, 0 enrollments, 1 fejlmeldinger, 0 finished rebookings, 0 deadlines from before 2030-05-11"), "\(line)")
    }

    @Test func serveKeeps400DaysByDefault() throws {
        let settings = try GatewaySettings(flags: [:], configFile: nil, environment: [:])
        #expect(try GatewayConfiguration(settings: settings, plannerURL: "http://planner.invalid/").retentionDays == 400)
        let off = try GatewaySettings(flags: ["retention-days": "0"], configFile: nil, environment: [:])
        #expect(try GatewayConfiguration(settings: off, plannerURL: "http://planner.invalid/").retentionDays == 0)
    }
}
