import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
@testable import PlannerSimulator
import Testing

/// A meeting the citizen did not book (a caseworker convened it in Planner; the gateway only learned
/// of it) can be rebooked or cancelled by the citizen only where its offer's mapping says so
/// (`convened:` in offers.yaml). Ib's CV-samtale is on an offer served with the defaults, which say nothing.
@Suite struct ConvenedMeetingTests {
    static let ib = DemoData.Citizen.ib
    static let booking = DemoData.ibConvened.uuidString.lowercased()

    @Test func aConvenedMeetingIsShownAsNeitherRebookableNorCancellable() async throws {
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(SOAP.operation("GetBookings", cpr: Self.ib))
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.value(of: "IndkaldelseId") == Self.booking)
            #expect(answer.value(of: "SelfBooked") == "false")
            #expect(answer.value(of: "ReBookingPossible") == "false")
            #expect(answer.value(of: "CancellationPossible") == "false")
        }
    }

    @Test func theCitizenCannotCancelOrRebookIt() async throws {
        try await withTestGateway { gateway async throws in
            let indkaldelse = "<v:IndkaldelseId>\(Self.booking)</v:IndkaldelseId>"
            let cancel = try await gateway.post(SOAP.operation("DeleteBooking", cpr: Self.ib, content: indkaldelse))
            #expect(cancel.fejlkode == 4820, "\(cancel.body)")
            let times = try await gateway.post(SOAP.operation("GetOmbookingMoedetider", cpr: Self.ib,
                content: indkaldelse + RebookingOptionsTests.window()))
            #expect(times.fejlkode == 4812, "\(times.body)")
            let start = CopenhagenTime.format(CopenhagenTime.adding(days: 3, to: Date()))
            let rebook = try await gateway.post(SOAP.operation("CreateOmbooking", cpr: Self.ib,
                content: indkaldelse + "<v:MoedeStarttidspunkt>\(start)</v:MoedeStarttidspunkt>"))
            #expect(rebook.fejlkode == 4812, "\(rebook.body)")
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.ibId).map(\.id) == [DemoData.ibConvened])
        }
    }

    @Test func anOfferThatSaysSoLetsTheCitizenCancelIt() async throws {
        let mappings = try MappingReloadTests.copyOfTheMappings()
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: mappings + "/offers.yaml"))
        handle.seekToEndOfFile()
        handle.write(Data("""

              c0000000-0000-4000-8000-000000000005:
                convened: {cancellation: {possible: true, deadlineHours: 24}}

            """.utf8))
        try handle.close()
        try await withTestGateway(configure: { $0.mappingsDirectory = mappings }) { gateway async throws in
            let listed = try await gateway.post(SOAP.operation("GetBookings", cpr: Self.ib))
            #expect(listed.value(of: "CancellationPossible") == "true")
            #expect(listed.value(of: "ReBookingPossible") == "false")
            let cancel = try await gateway.post(SOAP.operation("DeleteBooking", cpr: Self.ib, content: "<v:IndkaldelseId>\(Self.booking)</v:IndkaldelseId>"))
            #expect(cancel.status == 200, "\(cancel.body)")
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.ibId).isEmpty)
        }
    }
}
