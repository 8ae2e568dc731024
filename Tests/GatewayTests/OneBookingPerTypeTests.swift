import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
@testable import PlannerSimulator
import Testing

/// STAR's rule: a citizen holds one Jobsamtale (8273: CreateSelvbooking, StraksbookOgTilmeld) and one
/// Opfølgningssamtale (9220: CreateSelvbooking) at most; a cancelled one does not count, and Jobnet's
/// repeat of a booking already made is that booking, not a second.
@Suite struct OneBookingPerTypeTests {
    static let anna = DemoData.Citizen.anna

    @Test func aSecondJobsamtaleIsRefusedWith8273AndNothingIsBooked() async throws {
        try await withTestGateway { gateway async throws in
            let first = try await CreateSelvbookingTests.freeTime(gateway)
            let second = try await CreateSelvbookingTests.freeTime(gateway, skip: 2)
            let booked = try await gateway.post(CreateSelvbookingTests.request(start: first))
            #expect(booked.status == 200, "\(booked.body)")
            // Jobnet's repeat is the same booking.
            let repeated = try await gateway.post(CreateSelvbookingTests.request(start: first))
            #expect(repeated.value(of: "IndkaldelseId") == booked.value(of: "IndkaldelseId"))
            await gateway.state.resetCalls()
            let again = try await gateway.post(CreateSelvbookingTests.request(start: second))
            #expect(again.fejlkode == 8273, "\(again.body)")
            #expect(await !gateway.state.calls.contains(.makeBooking))
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.annaId).map(\.start) == [first])
        }
    }

    @Test func aCancelledJobsamtaleDoesNotCount() async throws {
        try await withTestGateway { gateway async throws in
            let first = try await CreateSelvbookingTests.freeTime(gateway)
            let second = try await CreateSelvbookingTests.freeTime(gateway, skip: 2)
            let booked = try await gateway.post(CreateSelvbookingTests.request(start: first))
            let id = try #require(booked.value(of: "IndkaldelseId"), "\(booked.body)")
            let cancelled = try await gateway.post(SOAP.operation("DeleteBooking", cpr: Self.anna, content: "<v:IndkaldelseId>\(id)</v:IndkaldelseId>"))
            #expect(cancelled.status == 200, "\(cancelled.body)")
            let again = try await gateway.post(CreateSelvbookingTests.request(start: second))
            #expect(again.status == 200, "\(again.body)")
        }
    }

    @Test func straksbookOgTilmeldRefusesASecondJobsamtaleWith8273() async throws {
        try await withTestGateway { gateway async throws in
            let first = try await CreateSelvbookingTests.freeTime(gateway)
            #expect(try await gateway.post(CreateSelvbookingTests.request(start: first)).status == 200)
            let immediate = try await StraksbookOgTilmeldTests.freeTime(gateway)
            let answer = try await gateway.post(StraksbookOgTilmeldTests.request(start: immediate))
            #expect(answer.fejlkode == 8273, "\(answer.body)")
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.annaId).map(\.start) == [first])
        }
    }

    @Test func aSecondOpfoelgningssamtaleIsRefusedWith9220() async throws {
        // An operator maps the CV offer as an Opfølgningssamtale (interview type 4).
        let mappings = try MappingReloadTests.copyOfTheMappings()
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: mappings + "/offers.yaml"))
        handle.seekToEndOfFile()
        handle.write(Data("\n  c0000000-0000-4000-8000-000000000005:\n    interviewType: 4\n".utf8))
        try handle.close()
        try await withTestGateway(configure: { $0.mappingsDirectory = mappings }) { gateway async throws in
            let cv = DemoData.Offer.cvSamtale
            let first = try await CreateSelvbookingTests.freeTime(gateway, offer: cv, resource: DemoData.Resource.sofie)
            let second = try await CreateSelvbookingTests.freeTime(gateway, offer: cv, skip: 2, resource: DemoData.Resource.sofie)
            let booked = try await gateway.post(CreateSelvbookingTests.request(cv, start: first, extra: "<v:SamtaleformType>1</v:SamtaleformType>"))
            #expect(booked.status == 200, "\(booked.body)")
            #expect(booked.value(of: "InterviewTypeIdentifier") == "4")
            let again = try await gateway.post(CreateSelvbookingTests.request(cv, start: second, extra: "<v:SamtaleformType>1</v:SamtaleformType>"))
            #expect(again.fejlkode == 9220, "\(again.body)")
            // A Jobsamtale is another type: still bookable.
            let jobsamtale = try await CreateSelvbookingTests.freeTime(gateway)
            #expect(try await gateway.post(CreateSelvbookingTests.request(start: jobsamtale)).status == 200)
        }
    }
}
