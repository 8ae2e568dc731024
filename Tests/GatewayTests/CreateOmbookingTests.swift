import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import Planner
@testable import PlannerSimulator
import Testing

/// CreateOmbooking: atomic under Planner faults at every step, and across a gateway killed mid-way.
/// Carla's demo booking (a week ahead, Lars) is moved to a free time of Lars's two days ahead or more.
@Suite struct CreateOmbookingTests {
    static let carla = DemoData.Citizen.carla
    static let booking = DemoData.carlaRebookable.uuidString.lowercased()

    static func newTime(_ state: PlannerSimulatorState) async throws -> Date {
        let options = try await state.bookingOptions(
            personId: DemoData.carlaId, offerId: DemoData.Offer.jobsamtale, start: CopenhagenTime.adding(days: 2, to: Date()),
            end: CopenhagenTime.adding(days: 6, to: Date()))
        return try #require(options.first { $0.resources.contains(DemoData.Resource.lars) }).time
    }

    static func request(_ start: Date) -> String {
        SOAP.operation("CreateOmbooking", cpr: carla, content: "<v:IndkaldelseId>\(booking)</v:IndkaldelseId>"
            + "<v:MoedeStarttidspunkt>\(CopenhagenTime.format(start))</v:MoedeStarttidspunkt>"
            + "<v:SagsbehandlerEksterntId>CVR:29189846-RID:1002</v:SagsbehandlerEksterntId>")
    }

    /// Carla's meetings that hold a time now.
    static func carlasMeetings(_ state: PlannerSimulatorState) async -> [Date] {
        await state.activeBookings(personStatusId: DemoData.carlaId).map(\.start)
    }

    @Test func aRebookingMovesTheMeetingAndCountsAsAcceptance() async throws {
        try await withTestGateway { gateway async throws in
            let old = try #require(await Self.carlasMeetings(gateway.state).first)
            let start = try await Self.newTime(gateway.state)
            await gateway.state.resetCalls()
            let answer = try await gateway.post(Self.request(start))
            #expect(answer.status == 200, "\(answer.body)")
            try ResponseSchema.assertValid(answer.body, element: "CreateOmbookingResponse")
            #expect(answer.value(of: "AcceptedBooking") == "true")
            #expect(answer.value(of: "BookingStartTime") == CopenhagenTime.format(start))
            #expect(await Self.carlasMeetings(gateway.state) == [start])
            #expect(start != old)
            let calls = await gateway.state.calls
            #expect(Array(calls.suffix(3)) == [.createBookingReservation, .cancelBooking, .confirmBookingReservation])
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.carlaId).first?.status == 1)
        }
    }

    @Test func theCodesCreateOmbookingAnswers() async throws {
        try await withTestGateway { gateway async throws in
            let start = try await Self.newTime(gateway.state)
            func code(_ xml: String) async throws -> Int? { try await gateway.post(xml).fejlkode }
            #expect(try await code(Self.request(Date().addingTimeInterval(-3600))) == 4783)
            #expect(try await code(Self.request(start).replacingOccurrences(of: Self.booking, with: UUID().uuidString)) == 4768)
            #expect(try await code(SOAP.operation("CreateOmbooking", cpr: DemoData.Citizen.unknown, content:
                "<v:IndkaldelseId>\(Self.booking)</v:IndkaldelseId><v:MoedeStarttidspunkt>\(CopenhagenTime.format(start))</v:MoedeStarttidspunkt>")) == 4400)
            let night = CopenhagenTime.at(hour: 3, minute: 0, on: CopenhagenTime.adding(days: 3, to: Date()))
            #expect(try await code(Self.request(night)) == 4767)
            #expect(try await code(Self.request(start).replacingOccurrences(of: "RID:1002", with: "RID:1003")) == 9003)
            #expect(try await code(Self.request(start).replacingOccurrences(of: "RID:1002", with: "RID:404")) == 4822)
            #expect(try await code(Self.request(CopenhagenTime.adding(days: 90, to: start))) == 8109)
            #expect(try await code(Self.request(start).replacingOccurrences(of: "<v:SagsbehandlerEksterntId>", with: "<v:SamtaleformType>8</v:SamtaleformType><v:SagsbehandlerEksterntId>")) == 4708)
            // Someone else's booking (once the ledger knows its owner): 8107.
            _ = try await gateway.post(SOAP.operation("GetBookings", cpr: Self.carla))
            #expect(try await code(Self.request(start).replacingOccurrences(of: Self.carla, with: DemoData.Citizen.anna)) == 8107)
            #expect(gateway.records.allSatisfy { !($0.reason ?? "").contains("a gateway defect") })
            #expect(await Self.carlasMeetings(gateway.state).count == 1)
        }
    }

    /// Each failure ends with exactly one meeting, at the old time or the new, and the answer says which.
    @Test func anImmediateOrUnrebookableBookingIsNotMoved() async throws {
        try await withTestGateway { gateway async throws in
            // An immediate booking: 9130.
            let straks = try #require(try await gateway.state.bookingOptions(
                personId: DemoData.annaId, offerId: DemoData.Offer.straksJobsamtale, start: Date(),
                end: CopenhagenTime.adding(days: 7, to: Date())).first).time
            let immediate = try #require(try await gateway.post(StraksbookOgTilmeldTests.request(start: straks)).value(of: "IndkaldelseId"))
            let start = try await Self.newTime(gateway.state)
            let move = { (id: String, cpr: String) in
                SOAP.operation("CreateOmbooking", cpr: cpr, content: "<v:IndkaldelseId>\(id)</v:IndkaldelseId>"
                    + "<v:MoedeStarttidspunkt>\(CopenhagenTime.format(start))</v:MoedeStarttidspunkt>")
            }
            #expect(try await gateway.post(move(immediate, DemoData.Citizen.anna)).fejlkode == 9130)
            // A joint meeting (its offer does not allow rebooking): 4812.
            let session = try #require(try await gateway.state.bookingOptions(
                personId: DemoData.annaId, offerId: DemoData.Offer.informationsmoede, start: CopenhagenTime.adding(days: 3, to: Date()),
                end: CopenhagenTime.adding(days: 20, to: Date())).first).time
            let joint = try #require(try await gateway.post(SOAP.operation("CreateSelvbooking", cpr: DemoData.Citizen.anna, content:
                "<v:MoedetilbudId>\(DemoData.Offer.informationsmoede.uuidString.lowercased())</v:MoedetilbudId>"
                + "<v:MoedeStarttidspunkt>\(CopenhagenTime.format(session))</v:MoedeStarttidspunkt>")).value(of: "IndkaldelseId"))
            #expect(try await gateway.post(move(joint, DemoData.Citizen.anna)).fejlkode == 4812)
            let caseworkers = try await gateway.post(SOAP.operation("GetOmbookingSagsbehandlere", cpr: DemoData.Citizen.anna,
                content: "<v:IndkaldelseId>\(joint)</v:IndkaldelseId>"))
            #expect(caseworkers.value(of: "AllowChoiceOfSupervisor") == "false")
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.annaId).count == 2)
        }
    }

    @Test(arguments: [
        ("reservation fails", PlannerOperation.createBookingReservation, SimulatorFault.status(500), false),
        ("cancel fails", PlannerOperation.cancelBooking, SimulatorFault.failTimes(1), false),
        ("confirm fails once", PlannerOperation.confirmBookingReservation, SimulatorFault.failTimes(1), true),
        ("confirm fails always", PlannerOperation.confirmBookingReservation, SimulatorFault.status(500), false),
    ])
    func aFailureAtEachStepLeavesExactlyOneMeeting(_ name: String, _ operation: PlannerOperation, _ fault: SimulatorFault, _ moved: Bool)
        async throws
    {
        try await withTestGateway { gateway async throws in
            let old = try #require(await Self.carlasMeetings(gateway.state).first)
            let start = try await Self.newTime(gateway.state)
            await gateway.state.inject(fault, into: operation)
            let answer = try await gateway.post(Self.request(start))
            let meetings = await Self.carlasMeetings(gateway.state)
            #expect(meetings == [moved ? start : old], "\(name): \(meetings)")
            if moved {
                #expect(answer.status == 200, "\(name)")
            } else {
                #expect(answer.status == 500, "\(name)")
                #expect(answer.faultcode == "soap:Server", "\(name)")
            }
        }
    }

    @Test func whenNeitherTheNewTimeNorTheOldOneCanBeHadTheJournalWaitsForTheNextStart() async throws {
        try await withTestGateway { gateway async throws in
            let start = try await Self.newTime(gateway.state)
            await gateway.state.inject(.status(500), into: .confirmBookingReservation)
            await gateway.state.inject(.status(500), into: .makeBooking)
            let answer = try await gateway.post(Self.request(start))
            #expect(answer.fejlkode == 9303, "\(answer.body)")
            #expect(gateway.records.last?.reason?.contains("settles it at its next start") == true, "\(gateway.records.last?.reason ?? "")")
            // Not `undone`: the journal stays `cancelled`, for the recovery to book the old time again.
            let unfinished = try await gateway.ledger.unfinishedRebookings()
            #expect(unfinished.map(\.step) == [.cancelled])
        }
    }

    @Test func aGatewayKilledBetweenCancelAndConfirmFinishesTheRebookingAtItsNextStart() async throws {
        let binary = repositoryRoot + "/.build/debug/jobnet-gateway"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        try await withRunningSimulator(simulator) {
            let state = simulator.state
            let start = try await Self.newTime(state)
            let database = NSTemporaryDirectory() + "jobnet-gateway-kill-\(UUID().uuidString).sqlite"
            let arguments = [
                "serve", "--port", "0", "--planner", await simulator.baseURL, "--database", database,
                "--root-department-id", DemoData.rootDepartmentId.uuidString, "--microsite-id", DemoData.micrositeId.uuidString,
                "--mappings", repositoryRoot + "/Mappings", "--wsdl", repositoryRoot + "/Wsdl",
            ]
            let first = try await GatewayProcess.start(binary, arguments + ["--failpoint", "rebooking-after-cancel"], environment: [:])
            let request = Self.request(start)
            let pending = Task { try? await GatewayProcess.post(request, port: first.port) }
            // Wait until the old booking is cancelled, then kill the gateway before it confirms.
            for _ in 0..<200 where await !state.calls.contains(.cancelBooking) { try await Task.sleep(for: .milliseconds(50)) }
            #expect(await state.calls.contains(.cancelBooking))
            first.kill()
            _ = await pending.value   // the killed gateway's connection ends it (never cancelled: see MappingReloadTests)
            #expect(await Self.carlasMeetings(state).count == 1)   // only the unconfirmed reservation holds a time
            #expect(await !state.calls.contains(.confirmBookingReservation))

            let second = try await GatewayProcess.start(binary, arguments, environment: [:])
            defer { second.kill() }
            // The start-up finished the rebooking: one meeting, at the new time, confirmed.
            #expect(await Self.carlasMeetings(state) == [start])
            #expect(await state.activeBookings(personStatusId: DemoData.carlaId).first?.status == 1)
            #expect(try await Ledger(path: database).unfinishedRebookings().isEmpty)
        }
    }

    /// The kill can land after Planner cancelled the old booking but before the journal says so: the
    /// journal then says `reserved`, and the start-up must ask Planner rather than release the new time.
    @Test func aJournalThatMissedTheCancelIsSettledByPlanner() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let state = gateway.state
            let start = try await Self.newTime(state)
            let planner = PlannerClient(
                configuration: .init(baseURL: await gateway.simulator.baseURL, rootDepartmentId: DemoData.rootDepartmentId,
                                     micrositeId: DemoData.micrositeId, routes: gateway.simulator.routes),
                transport: CurlTransport(settings: PlannerTransportSettings(workers: 1)))
            // What a killed gateway leaves: the reservation made, the old booking cancelled, the journal at `reserved`.
            let reservation = try await planner.createBookingReservation(PlannerReservationRequest(
                offerId: DemoData.Offer.jobsamtale, startDateTime: start, resourceId: DemoData.Resource.lars, personId: DemoData.carlaId))
            let old = try #require(await Self.carlasMeetings(state).first { $0 != start })
            try await planner.cancelBooking(bookingId: DemoData.carlaRebookable, personStatusId: DemoData.carlaId)
            let ledger = try Ledger(path: nil)
            try await ledger.journal(RebookingJournalEntry(
                id: "test", personId: DemoData.carlaId.uuidString.lowercased(), oldBookingId: Self.booking,
                oldOfferId: DemoData.Offer.jobsamtale.uuidString.lowercased(), oldStart: old,
                newOfferId: DemoData.Offer.jobsamtale.uuidString.lowercased(), newStart: start,
                newResourceId: DemoData.Resource.lars.uuidString.lowercased(), newReservationId: reservation.uuidString.lowercased(),
                step: .reserved, updatedAt: Date()))
            let context = OperationContext(
                cpr: nil, planner: planner, mappings: try GatewayMappings.load(directory: repositoryRoot + "/Mappings"), now: Date(),
                limits: OperationLimits(), ledger: ledger, locks: CitizenLocks(), notes: MappingNotes())
            let report = await Rebooking.recover(context: context)
            #expect(report == ["rebooking test completed at start-up"])
            #expect(await Self.carlasMeetings(state) == [start])
            #expect(await state.activeBookings(personStatusId: DemoData.carlaId).first?.status == 1)
        }
    }
}
