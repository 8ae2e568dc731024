import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import Planner
@testable import PlannerSimulator
import Testing

/// GetOmbookingSagsbehandlere and GetOmbookingMoedetider over HTTP.
@Suite struct RebookingOptionsTests {
    static func window(days: Int = 14, from start: Date = Date()) -> String {
        "<v:StartMoedetidsinterval>\(CopenhagenTime.format(start))</v:StartMoedetidsinterval>"
            + "<v:SlutMoedetidsinterval>\(CopenhagenTime.format(CopenhagenTime.adding(days: days, to: start)))</v:SlutMoedetidsinterval>"
    }

    @Test func theCaseworkersTheOfferAllows() async throws {
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(ExistingBookingTests.call("GetOmbookingSagsbehandlere", DemoData.Citizen.carla, booking: ExistingBookingTests.carlaBooking))
            #expect(answer.status == 200, "\(answer.body)")
            try ResponseSchema.assertValid(answer.body, element: "GetOmbookingSagsbehandlereResponse")
            #expect(answer.value(of: "AllowChoiceOfSupervisor") == "true")
            #expect(answer.count(of: "Supervisor") == 2)
            #expect(try await gateway.post(ExistingBookingTests.call("GetOmbookingSagsbehandlere", DemoData.Citizen.anna, booking: ExistingBookingTests.carlaBooking)).fejlkode == 8107)
            #expect(try await gateway.post(ExistingBookingTests.call("GetOmbookingSagsbehandlere", DemoData.Citizen.carla, booking: UUID().uuidString)).fejlkode == 4768)
            #expect(try await gateway.post(ExistingBookingTests.call("GetOmbookingSagsbehandlere", DemoData.Citizen.unknown, booking: ExistingBookingTests.carlaBooking)).fejlkode == 4400)
        }
    }

    @Test func theTimesABookingCanMoveTo() async throws {
        try await withTestGateway { gateway async throws in
            let request = SOAP.operation("GetOmbookingMoedetider", cpr: DemoData.Citizen.carla,
                content: "<v:IndkaldelseId>\(ExistingBookingTests.carlaBooking)</v:IndkaldelseId>\(Self.window())")
            let answer = try await gateway.post(request)
            #expect(answer.status == 200, "\(answer.body)")
            try ResponseSchema.assertValid(answer.body, element: "GetOmbookingMoedetiderResponse")
            #expect(answer.count(of: "BookingTimeslot") > 5)
            #expect(answer.body.contains("<tns:InterviewTypeIdentifier>7</tns:InterviewTypeIdentifier></tns:GetOmbookingMoedetiderResponse>"))
            let past = SOAP.operation("GetOmbookingMoedetider", cpr: DemoData.Citizen.carla,
                content: "<v:IndkaldelseId>\(ExistingBookingTests.carlaBooking)</v:IndkaldelseId>\(Self.window(days: 2, from: CopenhagenTime.adding(days: -5, to: Date())))")
            #expect(try await gateway.post(past).fejlkode == 4783)
            let unknown = SOAP.operation("GetOmbookingMoedetider", cpr: DemoData.Citizen.carla,
                content: "<v:IndkaldelseId>\(UUID().uuidString)</v:IndkaldelseId>\(Self.window())")
            #expect(try await gateway.post(unknown).fejlkode == 4768)
            let someoneElses = SOAP.operation("GetOmbookingMoedetider", cpr: DemoData.Citizen.anna,
                content: "<v:IndkaldelseId>\(ExistingBookingTests.carlaBooking)</v:IndkaldelseId>\(Self.window())")
            #expect(try await gateway.post(someoneElses).fejlkode == 8107)
            // An immediate booking cannot be rebooked by the citizen: 4812.
            let start = try #require(try await gateway.state.bookingOptions(
                personId: DemoData.annaId, offerId: DemoData.Offer.straksJobsamtale, start: Date(),
                end: CopenhagenTime.adding(days: 7, to: Date())).first).time
            let booked = try await gateway.post(StraksbookOgTilmeldTests.request(start: start))
            let id = try #require(booked.value(of: "IndkaldelseId"))
            let immediate = SOAP.operation("GetOmbookingMoedetider", cpr: DemoData.Citizen.anna,
                content: "<v:IndkaldelseId>\(id)</v:IndkaldelseId>\(Self.window())")
            #expect(try await gateway.post(immediate).fejlkode == 4812)
            // No free time in a one-hour window: 4770.
            let soon = "<v:StartMoedetidsinterval>\(CopenhagenTime.format(Date()))</v:StartMoedetidsinterval>"
                + "<v:SlutMoedetidsinterval>\(CopenhagenTime.format(Date().addingTimeInterval(3600)))</v:SlutMoedetidsinterval>"
            #expect(try await gateway.post(SOAP.operation("GetOmbookingMoedetider", cpr: DemoData.Citizen.carla,
                content: "<v:IndkaldelseId>\(ExistingBookingTests.carlaBooking)</v:IndkaldelseId>\(soon)")).fejlkode == 4770)
            #expect(gateway.records.allSatisfy { !($0.reason ?? "").contains("a gateway defect") })
        }
    }

    @Test func aBookingWhoseOfferIsGoneHasNoTimes() async throws {
        var data = DemoData.make()
        let orphan = UUID()
        let start = CopenhagenTime.adding(days: 8, to: Date())
        data.bookings.append(SimBooking(
            id: orphan, personStatusId: DemoData.carlaId, offerId: DemoData.Offer.udloebet, resourceId: DemoData.Resource.mette,
            start: start, end: start.addingTimeInterval(1800), status: 1, title: "Et møde uden tilbud", description: ""))
        // The gateway booked it (a convened meeting could not be rebooked at all: 4812 before 8108).
        let path = NSTemporaryDirectory() + "jobnet-gateway-orphan-\(UUID().uuidString).sqlite"
        try await Ledger(path: path).save(LedgerBooking(
            requestKey: "orphan", plannerBookingId: orphan.uuidString.lowercased(), offerId: DemoData.Offer.udloebet.uuidString.lowercased(),
            personId: DemoData.carlaId.uuidString.lowercased(), start: start, end: start.addingTimeInterval(1800), resourceId: nil,
            samtaleform: nil, origin: .selfBooked, state: .booked, createdAt: Date(), updatedAt: Date()))
        try await withTestGateway(configure: { $0.databasePath = path }, data: data) { gateway async throws in
            let answer = try await gateway.post(SOAP.operation("GetOmbookingMoedetider", cpr: DemoData.Citizen.carla,
                content: "<v:IndkaldelseId>\(orphan.uuidString)</v:IndkaldelseId>\(Self.window())"))
            #expect(answer.fejlkode == 8108)
            #expect(gateway.records.last?.decisions.contains { $0.contains("its offer is no longer on the microsite") } == true)
        }
    }
}
