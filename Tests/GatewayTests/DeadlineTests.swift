import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
@testable import PlannerSimulator
import Synchronization
import Testing

/// A citizen's Frist is a date that does not move: shown on day D, the same date on D+1; gone once a
/// booking of its type meets it or its last day has passed; and, while it is open, a booking after it is
/// STAR's 8288 on CreateSelvbooking, CreateOmbooking and StraksbookOgTilmeld.
@Suite struct DeadlineTests {
    /// A clock a test moves: the simulator's and the gateway's alike.
    final class MovableClock: Sendable {
        private let now: Mutex<Date>
        init(_ start: Date) { now = Mutex(start) }
        var date: Date { now.withLock { $0 } }
        func advance(days: Int) { now.withLock { $0 = CopenhagenTime.adding(days: days, to: $0) } }
        var function: @Sendable () -> Date { { self.date } }
    }

    static let tuesday = CopenhagenTime.parse("2030-01-08T09:00:00")!
    static let hanne = DemoData.Citizen.hanne

    /// A copy of the mappings in which the Jobsamtale offer's deadline is the day it is shown.
    static func mappingsWhoseJobsamtaleDeadlineIsToday() throws -> String {
        let mappings = try MappingReloadTests.copyOfTheMappings()
        let offers = mappings + "/offers.yaml"
        try String(contentsOfFile: offers, encoding: .utf8)
            .replacingOccurrences(of: "deadline: {status: 1, bookWithinDays: 14, holdWithinDays: 21}",
                                  with: "deadline: {status: 1, bookWithinDays: 0, holdWithinDays: 0}")
            .write(toFile: offers, atomically: true, encoding: .utf8)
        return mappings
    }

    static func frister(_ answer: HTTPAnswer) -> [(type: String, bookBy: String, holdBy: String)] {
        answer.elements("Frist").map { ($0["SamtaleType"] ?? "", $0["Fristdato"] ?? "", $0["SidsteAfholdelsesdato"] ?? "") }
    }

    @Test func aFristShownOnOneDayIsTheSameDateTheNextAndGoesWhenMet() async throws {
        let clock = MovableClock(Self.tuesday)
        try await withTestGateway(clock: clock.function) { gateway async throws in
            let first = Self.frister(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.hanne)))
            // The Jobsamtale offer: book within 14 days, hold within 21, from the day it is first shown.
            #expect(first.map(\.type) == ["7"])
            #expect(first.first?.bookBy == "2030-01-22" && first.first?.holdBy == "2030-01-29", "\(first)")
            clock.advance(days: 1)
            let next = Self.frister(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.hanne)))
            #expect(next.map(\.bookBy) == first.map(\.bookBy) && next.map(\.holdBy) == first.map(\.holdBy))
            // Met by a Jobsamtale: gone.
            let start = try #require(try await gateway.state.bookingOptions(
                personId: DemoData.hanneId, offerId: DemoData.Offer.jobsamtale, start: CopenhagenTime.adding(days: 2, to: clock.date),
                end: CopenhagenTime.adding(days: 9, to: clock.date)).first).time
            let booked = try await gateway.post(CreateSelvbookingTests.request(start: start, cpr: Self.hanne))
            #expect(booked.status == 200, "\(booked.body)")
            #expect(Self.frister(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.hanne))).isEmpty)
        }
    }

    @Test func aFristGoesWhenItsLastDayHasPassed() async throws {
        let clock = MovableClock(Self.tuesday)
        try await withTestGateway(clock: clock.function) { gateway async throws in
            #expect(Self.frister(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.hanne))).count == 1)
            clock.advance(days: 21)
            #expect(Self.frister(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.hanne))).count == 1)
            clock.advance(days: 1)
            #expect(Self.frister(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.hanne))).isEmpty)
            // A passed deadline no longer binds: a Jobsamtale weeks ahead is booked, not 8288.
            let later = try #require(try await gateway.state.bookingOptions(
                personId: DemoData.hanneId, offerId: DemoData.Offer.jobsamtale, start: CopenhagenTime.adding(days: 10, to: clock.date),
                end: CopenhagenTime.adding(days: 20, to: clock.date)).first).time
            let answer = try await gateway.post(CreateSelvbookingTests.request(start: later, cpr: Self.hanne))
            #expect(answer.status == 200, "\(answer.body)")
        }
    }

    @Test func aBookingFixesNoDeadlineAndOneAfterTheFristDoesNotMeetIt() async throws {
        let clock = MovableClock(Self.tuesday)
        try await withTestGateway(clock: clock.function) { gateway async throws in
            // Never shown a Frist: a Jobsamtale 30 days ahead is booked (8288 is about a deadline the citizen has).
            let late = try #require(try await gateway.state.bookingOptions(
                personId: DemoData.hanneId, offerId: DemoData.Offer.jobsamtale, start: CopenhagenTime.adding(days: 28, to: clock.date),
                end: CopenhagenTime.adding(days: 40, to: clock.date)).first).time
            let booked = try await gateway.post(CreateSelvbookingTests.request(start: late, cpr: Self.hanne))
            #expect(booked.status == 200, "\(booked.body)")
            // The Frist shown now ends before that meeting: it is not met, so it is shown.
            let shown = Self.frister(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.hanne)))
            #expect(shown.map(\.holdBy) == ["2030-01-29"], "\(shown)")
        }
    }

    @Test func aSelfBookingAfterTheDeadlineIs8288() async throws {
        let clock = MovableClock(Self.tuesday)
        try await withTestGateway(clock: clock.function) { gateway async throws in
            // Shown on Tuesday: hold by the 29th. A week later the 22 days ahead are past it.
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.hanne))
            clock.advance(days: 7)
            let options = try await gateway.state.bookingOptions(
                personId: DemoData.hanneId, offerId: DemoData.Offer.jobsamtale, start: CopenhagenTime.adding(days: 15, to: clock.date),
                end: CopenhagenTime.adding(days: 25, to: clock.date))
            let late = try #require(options.first).time
            let answer = try await gateway.post(CreateSelvbookingTests.request(start: late, cpr: Self.hanne))
            #expect(answer.fejlkode == 8288, "\(answer.body)")
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.hanneId).isEmpty)
            // Within it, the same citizen books.
            let inTime = try #require(try await gateway.state.bookingOptions(
                personId: DemoData.hanneId, offerId: DemoData.Offer.jobsamtale, start: CopenhagenTime.adding(days: 2, to: clock.date),
                end: CopenhagenTime.adding(days: 9, to: clock.date)).first).time
            #expect(try await gateway.post(CreateSelvbookingTests.request(start: inTime, cpr: Self.hanne)).status == 200)
        }
    }

    @Test func aRebookingAfterTheDeadlineIs8288AndTheOldTimeStands() async throws {
        try await withTestGateway { gateway async throws in
            // Carla's Jobsamtale: a new time 30 days ahead is after the deadline GetBorgerstatus shows (21 days).
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.carla))
            let options = try await gateway.state.bookingOptions(
                personId: DemoData.carlaId, offerId: DemoData.Offer.jobsamtale, start: CopenhagenTime.adding(days: 28, to: Date()),
                end: CopenhagenTime.adding(days: 40, to: Date()))
            let late = try #require(options.first).time
            let answer = try await gateway.post(SOAP.operation("CreateOmbooking", cpr: DemoData.Citizen.carla,
                content: "<v:IndkaldelseId>\(ExistingBookingTests.carlaBooking)</v:IndkaldelseId>"
                    + "<v:MoedeStarttidspunkt>\(CopenhagenTime.format(late))</v:MoedeStarttidspunkt>"))
            #expect(answer.fejlkode == 8288, "\(answer.body)")
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.carlaId).map(\.id).contains(DemoData.carlaRebookable))
        }
    }

    @Test func theImmediateTimesEndWithAnOpenFrist() async throws {
        // A jobcenter whose Jobsamtale deadline is today: once shown, no immediate time after today is offered.
        let mappings = try Self.mappingsWhoseJobsamtaleDeadlineIsToday()
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        let clock = MovableClock(Self.tuesday)
        try await withTestGateway(configure: { $0.mappingsDirectory = mappings }, clock: clock.function) { gateway async throws in
            func days(_ answer: HTTPAnswer) -> Set<String> { Set(answer.elements("BookingTimeslot").compactMap { $0["StartTime"]?.prefix(10).description }) }
            let before = try await gateway.post(SOAP.operation("GetStraksbookingMoedetider", cpr: Self.hanne))
            #expect(days(before).contains { $0 > "2030-01-08" }, "\(days(before))")
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.hanne))
            let after = try await gateway.post(SOAP.operation("GetStraksbookingMoedetider", cpr: Self.hanne))
            #expect(after.fejlkode == 4770 || days(after).allSatisfy { $0 <= "2030-01-08" }, "\(after.body.prefix(600))")
        }
    }

    @Test func anImmediateBookingAfterTheDeadlineIs8288() async throws {
        // A jobcenter whose Jobsamtale deadline is today: tomorrow's immediate meeting is after it.
        let mappings = try Self.mappingsWhoseJobsamtaleDeadlineIsToday()
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        try await withTestGateway(configure: { $0.mappingsDirectory = mappings }) { gateway async throws in
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.hanne))
            let tomorrowOrLater = try #require(try await gateway.state.bookingOptions(
                personId: DemoData.hanneId, offerId: DemoData.Offer.straksJobsamtale,
                start: CopenhagenTime.adding(days: 1, to: CopenhagenTime.startOfDay(Date())), end: CopenhagenTime.adding(days: 7, to: Date())).first).time
            let answer = try await gateway.post(StraksbookOgTilmeldTests.request(cpr: Self.hanne, start: tomorrowOrLater))
            #expect(answer.fejlkode == 8288, "\(answer.body)")
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.hanneId).isEmpty)
        }
    }
}
