import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import Planner
@testable import PlannerSimulator
import Testing

/// BookingOptions windows as the seed allows them: never an end that is not after the start.
@Suite struct BookingOptionsWindowTests {
    /// The strict simulator on the demo data, and a Planner client on its routes, without HTTP.
    static func strictPlanner() -> (PlannerSimulatorState, PlannerClient) {
        let state = PlannerSimulatorState(data: DemoData.make())
        let client = PlannerClient(
            configuration: .init(
                baseURL: "http://planner.invalid/", rootDepartmentId: DemoData.rootDepartmentId, micrositeId: DemoData.micrositeId,
                routes: PlannerSimulatorStyle.strict.routes),
            transport: PlannerSimulatorTransport(state: state, style: .strict))
        return (state, client)
    }

    @Test func theClientRefusesToSendAWindowWhoseEndIsNotAfterItsStart() async throws {
        let (state, client) = Self.strictPlanner()
        let now = Date()
        // The same client sends a window whose end is after its start: the simulator sees that one.
        _ = try await client.bookingOptions(
            personId: DemoData.annaId, offerId: DemoData.Offer.jobsamtale, start: now, end: now.addingTimeInterval(60))
        #expect(await state.calls == [.bookingOptions])
        await state.resetCalls()
        await #expect(throws: PlannerError.invalidRequest("BookingOptions: the window's end \(CopenhagenTime.local(now)) is not after its start")) {
            _ = try await client.bookingOptions(personId: DemoData.annaId, offerId: DemoData.Offer.jobsamtale, start: now, end: now)
        }
        #expect(await state.calls.isEmpty)
    }

    @Test func theStrictSimulatorRefusesEmptyAndOverlongWindowsAndReadsThemHalfOpen() async throws {
        let state = PlannerSimulatorState(data: DemoData.make())
        let transport = PlannerSimulatorTransport(state: state, style: .strict)
        let route = PlannerRoutes.strictSimulator[.bookingOptions]!
        func call(_ start: Date, _ end: Date) async throws -> HTTPExchangeResponse {
            let path = route.path.replacingOccurrences(of: "{offerId}", with: DemoData.Offer.jobsamtale.uuidString.lowercased())
            return try await transport.perform(HTTPExchangeRequest(method: .get, url: "http://planner.invalid/\(path)?personId="
                + DemoData.annaId.uuidString.lowercased() + "&startTime=\(CopenhagenTime.local(start))&endTime=\(CopenhagenTime.local(end))",
                body: nil))
        }
        let start = try #require(try await state.bookingOptions(
            personId: DemoData.annaId, offerId: DemoData.Offer.jobsamtale, start: CopenhagenTime.adding(days: 2, to: Date()),
            end: CopenhagenTime.adding(days: 9, to: Date())).first).time
        #expect(try await call(start, start).status == 400)
        #expect(try await call(start, CopenhagenTime.adding(days: 32, to: start)).status == 400)
        // [start, start + 1 min) holds the time; [start - 1 min, start) does not.
        #expect(String(decoding: try await call(start, start.addingTimeInterval(60)).body, as: UTF8.self).contains("dateTime"))
        #expect(String(decoding: try await call(start.addingTimeInterval(-60), start).body, as: UTF8.self) == "[]")
    }

    @Test func theGatewayReadsEverythingTheStrictSimulatorWrites() async throws {
        // Fractional seconds, offsets, camelCase, nulls and unknown properties: every model parses.
        let (_, client) = Self.strictPlanner()
        let person = try #require(try await client.personByCpr(DemoData.Citizen.carla))
        #expect(person.emailAddress == nil)
        let offers = try await client.micrositeCategories(personStatusId: person.personStatusId).flatMap(\.bookingOffers)
        #expect(offers.contains { $0.id == DemoData.Offer.jobsamtale })
        let start = CopenhagenTime.adding(days: 1, to: Date())
        let options = try await client.bookingOptions(
            personId: person.personStatusId, offerId: DemoData.Offer.jobsamtale, start: start, end: CopenhagenTime.adding(days: 14, to: start))
        #expect(!options.isEmpty)
        #expect(options.map(\.dateTime) != options.map(\.dateTime).sorted(), "the strict simulator promises no order")
        let joint = try await client.bookingOptions(
            personId: person.personStatusId, offerId: DemoData.Offer.informationsmoede, start: start, end: CopenhagenTime.adding(days: 14, to: start))
        #expect(!joint.isEmpty && joint.allSatisfy { $0.resourceIds.isEmpty && $0.taskId != nil })
        let bookings = try await client.bookings(personStatusId: person.personStatusId)
        #expect(bookings.contains { $0.id == DemoData.carlaRebookable })
    }
}
