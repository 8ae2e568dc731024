import CopenhagenTime
import Foundation
import Planner
import PlannerSimulator
import Testing

/// The simulator's own rules, through the real Planner client (libcurl).
@Suite struct SimulatorTests {
    /// A running simulator on `data`, and its state.
    func simulator(_ data: SimulatorData = DemoData.make()) async throws -> (PlannerSimulatorServer, PlannerSimulatorState) {
        let state = PlannerSimulatorState(data: data)
        let server = PlannerSimulatorServer(state: state)
        try await server.start()
        return (server, state)
    }

    func client(_ server: PlannerSimulatorServer, department: UUID = DemoData.rootDepartmentId) async -> PlannerClient {
        PlannerClient(
            configuration: .init(baseURL: await server.baseURL, rootDepartmentId: department, micrositeId: DemoData.micrositeId),
            transport: CurlTransport(settings: PlannerTransportSettings(workers: 2)))
    }

    @Test func reserveConfirmConflictCancelAndLapse() async throws {
        let (server, state) = try await simulator()
        try await withRunningSimulator(server) {
            let planner = await client(server)
            let now = Date()
            let options = try await planner.bookingOptions(
                personId: DemoData.annaId, offerId: DemoData.Offer.jobsamtale, start: now, end: CopenhagenTime.adding(days: 14, to: now))
            let first = try #require(options.first)
            #expect(first.resourceIds.allSatisfy { [DemoData.Resource.mette, DemoData.Resource.lars].contains($0) })
            // Free times lie on weekdays in working hours.
            #expect(CopenhagenTime.local(first.dateTime).hasSuffix(":00:00") || CopenhagenTime.local(first.dateTime).hasSuffix(":30:00"))

            let reservation = try await planner.createBookingReservation(PlannerReservationRequest(
                offerId: DemoData.Offer.jobsamtale, startDateTime: first.dateTime, resourceId: first.resourceIds[0], personId: DemoData.annaId))
            // The same caseworker at the same time is taken now: 409.
            do {
                _ = try await planner.createBookingReservation(PlannerReservationRequest(
                    offerId: DemoData.Offer.jobsamtale, startDateTime: first.dateTime, resourceId: first.resourceIds[0], personId: DemoData.carlaId))
                Issue.record("a taken time was reserved twice")
            } catch {
                guard case .conflict? = error as? PlannerError else { Issue.record("expected 409, got \(error)"); return }
            }
            var bookings = try await planner.bookings(personStatusId: DemoData.annaId)
            #expect(bookings.first { $0.id == reservation }?.status == .readyForCitizenConfirmation)
            try await planner.confirmBookingReservation(bookingId: reservation, personStatusId: DemoData.annaId)
            bookings = try await planner.bookings(personStatusId: DemoData.annaId)
            #expect(bookings.first { $0.id == reservation }?.status == .accepted)
            // Only one's own booking can be cancelled.
            do {
                try await planner.cancelBooking(bookingId: reservation, personStatusId: DemoData.carlaId)
                Issue.record("someone else's booking was cancelled")
            } catch {
                guard case .refused? = error as? PlannerError else { Issue.record("expected 400, got \(error)"); return }
            }
            try await planner.cancelBooking(bookingId: reservation, personStatusId: DemoData.annaId)
            #expect(await state.activeBookings(personStatusId: DemoData.annaId).isEmpty)
        }
    }

    @Test func anUnconfirmedReservationLapses() async throws {
        var data = DemoData.make()
        data.reservationLifetime = 0.2
        let (server, state) = try await simulator(data)
        try await withRunningSimulator(server) {
            let planner = await client(server)
            let now = Date()
            let option = try #require(try await planner.bookingOptions(
                personId: DemoData.annaId, offerId: DemoData.Offer.cvSamtale, start: now, end: CopenhagenTime.adding(days: 14, to: now)).first)
            let reservation = try await planner.createBookingReservation(PlannerReservationRequest(
                offerId: DemoData.Offer.cvSamtale, startDateTime: option.dateTime, resourceId: option.resourceIds[0], personId: DemoData.annaId))
            try await Task.sleep(for: .milliseconds(400))
            await #expect(throws: PlannerError.self) {
                try await planner.confirmBookingReservation(bookingId: reservation, personStatusId: DemoData.annaId)
            }
            #expect(await state.activeBookings(personStatusId: DemoData.annaId).isEmpty)
        }
    }

    @Test func jointMeetingsCountTheirSeats() async throws {
        var data = DemoData.make()
        data.offers = data.offers.map { offer in
            var offer = offer
            if offer.id == DemoData.Offer.informationsmoede { offer.kind = .joint(sessionHours: [10], seats: 2) }
            return offer
        }
        let (server, _) = try await simulator(data)
        try await withRunningSimulator(server) {
            let planner = await client(server)
            let now = Date()
            let window = CopenhagenTime.adding(days: 14, to: now)
            let session = try #require(try await planner.bookingOptions(
                personId: DemoData.annaId, offerId: DemoData.Offer.informationsmoede, start: now, end: window).first).dateTime
            for person in [DemoData.annaId, DemoData.boId] {
                _ = try await planner.makeBooking(PlannerMakeBookingRequest(
                    personId: person, offerId: DemoData.Offer.informationsmoede, startTime: session, isImmediateBooking: false))
            }
            let after = try await planner.bookingOptions(personId: DemoData.carlaId, offerId: DemoData.Offer.informationsmoede, start: now, end: window)
            #expect(!after.contains { $0.dateTime == session })
            await #expect(throws: PlannerError.self) {
                _ = try await planner.makeBooking(PlannerMakeBookingRequest(
                    personId: DemoData.carlaId, offerId: DemoData.Offer.informationsmoede, startTime: session, isImmediateBooking: false))
            }
        }
    }

    @Test func notificationConsentIsUpdated() async throws {
        let (server, _) = try await simulator()
        try await withRunningSimulator(server) {
            let planner = await client(server)
            try await planner.setCitizenInformations(personId: DemoData.boId, information: PlannerCitizenInformation(
                emailAddress: "bo@example.invalid", mobileNumber: "+4512345678", allowTextNotification: true, allowEmailNotification: false))
            let bo = try #require(try await planner.personByCpr(DemoData.Citizen.bo))
            #expect(bo.emailAddress == "bo@example.invalid")
            #expect(bo.allowTextNotification == true)
            #expect(bo.allowEmailNotification == false)
        }
    }

    @Test func aDataFileReplacesTheDemoData() async throws {
        let data = try SimulatorDataFile.load(path: repositoryRoot + "/Tests/Tools/simulator-data.yaml")
        let (server, _) = try await simulator(data)
        try await withRunningSimulator(server) {
            let planner = await client(server, department: data.rootDepartmentId)
            let person = try #require(try await planner.personByCpr("1512851234"))
            #expect(person.firstName == "Dorte")
            let bookings = try await planner.bookings(personStatusId: person.personStatusId)
            #expect(bookings.map(\.status) == [.awaitingCaseworker])
            #expect(CopenhagenTime.format(try #require(bookings.first).startTime) == "2030-01-07T10:00:00+01:00")
            #expect(try await planner.personByCpr(DemoData.Citizen.anna) == nil)
        }
    }
}
