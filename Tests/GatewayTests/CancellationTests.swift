import CopenhagenTime
import Foundation
import Planner
@testable import PlannerSimulator
import Testing

/// A Planner call honours its task's cancellation: it ends as cancelled instead of waiting for
/// Planner's answer, and frees its slot (the multi loop's, or a curl worker) for the next call.
@Suite struct CancellationTests {
    @Test(arguments: PlannerTransportSettings.Engine.allCases)
    func aCancelledCallEndsAndFreesItsWorker(engine: PlannerTransportSettings.Engine) async throws {
        // One slot: a call still holding it would keep the next one waiting for the slow answer.
        let settings = PlannerTransportSettings(totalTimeoutMilliseconds: 30_000, workers: 1, engine: engine)
        try await withCurlClientOnSimulator(settings) { state, client in
            await state.inject(.slow(milliseconds: 20_000), into: .bookingOptions)
            let start = CopenhagenTime.adding(days: 1, to: Date())
            let slow = Task {
                try await client.bookingOptions(
                    personId: DemoData.annaId, offerId: DemoData.Offer.jobsamtale, start: start, end: start.addingTimeInterval(86_400))
            }
            // Once Planner has the request, cancel the task that waits for it.
            while await state.inFlight == 0 { try await Task.sleep(for: .milliseconds(10)) }
            slow.cancel()
            await #expect(throws: PlannerError.unreachable("cancelled: the call that asked for it was cancelled")) {
                _ = try await slow.value
            }
            // The worker is free: the next call is answered (not after the slow one's 20 s, nor by its timeout).
            #expect(try await client.personByCpr(DemoData.Citizen.anna) != nil)
        }
    }
}
