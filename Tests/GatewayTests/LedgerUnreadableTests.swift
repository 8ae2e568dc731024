import Foundation
@testable import Gateway
import PlannerSimulator
import Testing

/// A ledger that cannot be read: /ready says so (503), and a booking call is a Server fault made before
/// Planner is asked, so nothing is booked in Planner without its ledger row.
@Suite struct LedgerUnreadableTests {
    @Test func readinessFailsAndNothingIsBookedWithoutTheLedger() async throws {
        try await withTestGateway { gateway async throws in
            #expect(try await gateway.get("/ready").status == 200)
            let start = try await CreateSelvbookingTests.freeTime(gateway)
            try gateway.ledger.close()
            let ready = try await gateway.get("/ready")
            #expect(ready.status == 503)
            #expect(ready.body.contains("not ready: the ledger cannot be read"), "\(ready.body)")

            await gateway.state.resetCalls()
            let answer = try await gateway.post(CreateSelvbookingTests.request(start: start))
            #expect(answer.fejlkode == 9303, "\(answer.body)")
            let calls = await gateway.state.calls
            #expect(!calls.contains(.makeBooking) && !calls.contains(.createBookingReservation), "\(calls)")
        }
    }
}
