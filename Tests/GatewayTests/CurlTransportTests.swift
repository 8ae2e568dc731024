import CopenhagenTime
import Foundation
import Planner
@testable import PlannerSimulator
import Testing

/// Both curl engines, many calls at once through a small cap: every caller gets its own answer (the
/// right person for its CPR, the whole BookingOptions body), and the cap holds.
@Suite struct CurlTransportTests {
    @Test(arguments: PlannerTransportSettings.Engine.allCases)
    func concurrentCallsEachGetTheirOwnAnswer(engine: PlannerTransportSettings.Engine) async throws {
        try await withCurlClientOnSimulator(PlannerTransportSettings(workers: 3, engine: engine)) { state, client in
            let start = CopenhagenTime.adding(days: 1, to: Date())
            let end = CopenhagenTime.adding(days: 14, to: start)
            let options = try await client.bookingOptions(
                personId: DemoData.annaId, offerId: DemoData.Offer.jobsamtale, start: start, end: end)
            #expect(options.count > 20)   // a body of many kilobytes: curl hands it over in several pieces
            let citizens: [(cpr: String, id: UUID?)] = [
                (DemoData.Citizen.anna, DemoData.annaId), (DemoData.Citizen.bo, DemoData.boId),
                (DemoData.Citizen.carla, DemoData.carlaId), (DemoData.Citizen.unknown, nil),
            ]
            let mismatches = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        if index % 5 == 4 {
                            let again = try await client.bookingOptions(
                                personId: DemoData.annaId, offerId: DemoData.Offer.jobsamtale, start: start, end: end)
                            return again == options ? nil : "call \(index): another BookingOptions answer"
                        }
                        let citizen = citizens[index % citizens.count]
                        let person = try await client.personByCpr(citizen.cpr)
                        return person?.personStatusId == citizen.id ? nil : "call \(index): \(String(describing: person?.personStatusId))"
                    }
                }
                return try await group.reduce(into: [String]()) { if let mismatch = $1 { $0.append(mismatch) } }
            }
            #expect(mismatches.isEmpty)
            #expect(await state.maximumInFlight <= 3)
            #expect(await state.calls.count == 41)
        }
    }
}
