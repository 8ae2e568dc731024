import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import Planner
@testable import PlannerSimulator
import Testing

/// GetBookings, SaveIndkaldelsesaccept and DeleteBooking over HTTP against the simulator.
@Suite struct ExistingBookingTests {
    static let carlaBooking = DemoData.carlaRebookable.uuidString.lowercased()
    static let boBooking = DemoData.boAwaitingAcceptance.uuidString.lowercased()

    static func call(_ operation: String, _ cpr: String, booking: String? = nil) -> String {
        SOAP.operation(operation, cpr: cpr, content: booking.map { "<v:IndkaldelseId>\($0)</v:IndkaldelseId>" } ?? "")
    }

    /// Demo data plus two bookings of Carla's: one that has started, one whose cancellation deadline has passed.
    static func data() -> (SimulatorData, started: UUID, soon: UUID) {
        var data = DemoData.make()
        let started = UUID()
        let soon = UUID()
        let now = Date()
        data.bookings += [
            SimBooking(id: started, personStatusId: DemoData.carlaId, offerId: DemoData.Offer.jobsamtale, resourceId: DemoData.Resource.mette,
                start: now.addingTimeInterval(-600), end: now.addingTimeInterval(1200), status: 1, title: "Jobsamtale", description: ""),
            SimBooking(id: soon, personStatusId: DemoData.carlaId, offerId: DemoData.Offer.jobsamtale, resourceId: DemoData.Resource.mette,
                start: now.addingTimeInterval(3 * 3600), end: now.addingTimeInterval(3 * 3600 + 1800), status: 1, title: "Jobsamtale", description: ""),
        ]
        return (data, started, soon)
    }

    @Test func getBookingsShowsCurrentBookingsMatchedToTheirOffers() async throws {
        try await withTestGateway { gateway async throws in
            let carla = try await gateway.post(Self.call("GetBookings", DemoData.Citizen.carla))
            #expect(carla.status == 200, "\(carla.body)")
            try ResponseSchema.assertValid(carla.body, element: "GetBookingsResponse")
            // The rejected CV-samtale is not a current booking.
            #expect(carla.count(of: "JobnetBookingDetails") == 1)
            #expect(carla.value(of: "IndkaldelseId") == Self.carlaBooking)
            #expect(carla.value(of: "InterviewTypeIdentifier") == "7")
            #expect(carla.value(of: "AcceptedBooking") == "true")
            #expect(carla.value(of: "CitizenShouldAcceptBooking") == "false")
            #expect(carla.value(of: "CaseWorkerGivenName") == "Lars")
            #expect(await gateway.state.calls == [.personByCpr, .getBookings, .getMicrositeCategories])
            #expect(gateway.records.last?.decisions.contains { $0.contains("by title") } == true)
            let bo = try await gateway.post(Self.call("GetBookings", DemoData.Citizen.bo))
            #expect(bo.value(of: "CitizenShouldAcceptBooking") == "true")
            #expect(bo.value(of: "AcceptedBooking") == "false")
            let unknown = try await gateway.post(Self.call("GetBookings", DemoData.Citizen.unknown))
            #expect(unknown.status == 200)
            #expect(unknown.count(of: "JobnetBookingDetails") == 0)
        }
    }

    @Test func aSelfBookedMeetingIsShownAsSelfBooked() async throws {
        try await withTestGateway { gateway async throws in
            let options = try await gateway.state.bookingOptions(
                personId: DemoData.annaId, offerId: DemoData.Offer.cvSamtale, start: CopenhagenTime.adding(days: 2, to: Date()),
                end: CopenhagenTime.adding(days: 9, to: Date()))
            let start = try #require(options.first).time
            let booked = try await gateway.post(SOAP.operation("CreateSelvbooking", cpr: DemoData.Citizen.anna, content:
                "<v:MoedetilbudId>\(DemoData.Offer.cvSamtale.uuidString.lowercased())</v:MoedetilbudId><v:MoedeStarttidspunkt>\(CopenhagenTime.format(start))</v:MoedeStarttidspunkt>"))
            let list = try await gateway.post(Self.call("GetBookings", DemoData.Citizen.anna))
            #expect(list.value(of: "IndkaldelseId") == booked.value(of: "IndkaldelseId"))
            #expect(list.value(of: "SelfBooked") == "true")
            #expect(list.value(of: "InterviewTypeIdentifier") == "12")
        }
    }

    @Test func acceptingAMeetingConfirmsItOnce() async throws {
        try await withTestGateway { gateway async throws in
            // Before anyone has asked, Anna does not hold Bo's booking: 4768. Once the ledger knows it is Bo's: 8107.
            #expect(try await gateway.post(Self.call("SaveIndkaldelsesaccept", DemoData.Citizen.anna, booking: Self.boBooking)).fejlkode == 4768)
            await gateway.state.resetCalls()
            let accepted = try await gateway.post(Self.call("SaveIndkaldelsesaccept", DemoData.Citizen.bo, booking: Self.boBooking))
            #expect(accepted.status == 200, "\(accepted.body)")
            try ResponseSchema.assertValid(accepted.body, element: "SaveIndkaldelsesacceptResponse")
            #expect(await gateway.state.calls.last == .confirmBookingReservation)
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.boId).first?.status == 1)
            await gateway.state.resetCalls()
            let again = try await gateway.post(Self.call("SaveIndkaldelsesaccept", DemoData.Citizen.bo, booking: Self.boBooking),
                path: "/JobnetCitizenStatusService/SaveIndkaldelsesaccept/\(Self.boBooking)")
            #expect(again.status == 200)
            #expect(await !gateway.state.calls.contains(.confirmBookingReservation))
            #expect(try await gateway.post(Self.call("SaveIndkaldelsesaccept", DemoData.Citizen.anna, booking: Self.boBooking)).fejlkode == 8107)
            #expect(try await gateway.post(Self.call("SaveIndkaldelsesaccept", DemoData.Citizen.bo, booking: UUID().uuidString)).fejlkode == 4768)
            #expect(try await gateway.post(Self.call("SaveIndkaldelsesaccept", DemoData.Citizen.unknown, booking: Self.boBooking)).fejlkode == 4400)
        }
    }

    @Test func cancellingAMeeting() async throws {
        let (data, started, soon) = Self.data()
        try await withTestGateway(data: data) { gateway async throws in
            let cancelled = try await gateway.post(Self.call("DeleteBooking", DemoData.Citizen.carla, booking: Self.carlaBooking))
            #expect(cancelled.status == 200, "\(cancelled.body)")
            #expect(await gateway.state.calls.contains(.cancelBooking))
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.carlaId).allSatisfy { $0.id != DemoData.carlaRebookable })
            // Cancelling it again is answered as cancelled, without asking Planner.
            await gateway.state.resetCalls()
            let again = try await gateway.post(Self.call("DeleteBooking", DemoData.Citizen.carla, booking: Self.carlaBooking))
            #expect(again.status == 200)
            #expect(await !gateway.state.calls.contains(.cancelBooking))
            // The codes.
            #expect(try await gateway.post(Self.call("DeleteBooking", DemoData.Citizen.carla, booking: started.uuidString)).fejlkode == 4650)
            #expect(try await gateway.post(Self.call("DeleteBooking", DemoData.Citizen.carla, booking: soon.uuidString)).fejlkode == 4820)
            #expect(try await gateway.post(Self.call("DeleteBooking", DemoData.Citizen.anna, booking: soon.uuidString)).fejlkode == 8107)
            #expect(try await gateway.post(Self.call("DeleteBooking", DemoData.Citizen.carla, booking: UUID().uuidString)).fejlkode == 4768)
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.carlaId).count == 2)
        }
    }

    @Test func anImmediateBookingCannotBeCancelled() async throws {
        try await withTestGateway { gateway async throws in
            let start = try #require(try await gateway.state.bookingOptions(
                personId: DemoData.annaId, offerId: DemoData.Offer.straksJobsamtale, start: Date(),
                end: CopenhagenTime.adding(days: 7, to: Date())).first).time
            let booked = try await gateway.post(StraksbookOgTilmeldTests.request(start: start))
            let id = try #require(booked.value(of: "IndkaldelseId"))
            #expect(try await gateway.post(Self.call("DeleteBooking", DemoData.Citizen.anna, booking: id)).fejlkode == 9130)
        }
    }
}
