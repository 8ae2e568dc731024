import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import Planner
@testable import PlannerSimulator
import Testing

/// Every operation through each kind of Planner trouble, as one table: Planner unreachable (4769), a
/// Planner 500 (9303), an answer that breaks the contract (9329), the identity settings missing
/// (9018). Each answer is that code, the code is on the operation's list, and no rule strayed.
/// CreateFejlmelding reads no Planner: its row says Planner's trouble leaves it unaffected.
@Suite struct PlannerTroubleTableTests {
    enum Trouble: String, CaseIterable, Sendable {
        case unreachable, serverError, brokenAnswer, identityMissing

        var code: Int {
            switch self {
            case .unreachable: StarFault.noContactWithPlanner
            case .serverError: StarFault.plannerServerError
            case .brokenAnswer: StarFault.plannerContractViolated
            case .identityMissing: StarFault.configurationMissing
            }
        }
    }

    /// A valid request for each operation that reads Planner, by a demo citizen it suits.
    static let requests: [String: String] = {
        let start = CopenhagenTime.format(CopenhagenTime.adding(days: 5, to: Date()))
        let anna = DemoData.Citizen.anna
        let carla = DemoData.Citizen.carla
        let jobsamtale = "<v:MoedetilbudId>\(DemoData.Offer.jobsamtale.uuidString.lowercased())</v:MoedetilbudId>"
        let carlasBooking = "<v:IndkaldelseId>\(ExistingBookingTests.carlaBooking)</v:IndkaldelseId>"
        return [
            "GetBorgerstatus": SOAP.operation("GetBorgerstatus", cpr: anna),
            "GetSelvbookingMoedetilbud": SOAP.operation("GetSelvbookingMoedetilbud", cpr: anna),
            "GetSelvbookingMoedetider": SelfBookingTimeslotTests.moedetider(),
            "CreateSelvbooking": SOAP.operation("CreateSelvbooking", cpr: anna,
                content: jobsamtale + "<v:MoedeStarttidspunkt>\(start)</v:MoedeStarttidspunkt>"),
            "CreateOmbooking": SOAP.operation("CreateOmbooking", cpr: carla,
                content: carlasBooking + "<v:MoedeStarttidspunkt>\(start)</v:MoedeStarttidspunkt>"),
            "DeleteBooking": SOAP.operation("DeleteBooking", cpr: carla, content: carlasBooking),
            "SaveIndkaldelsesaccept": SOAP.operation("SaveIndkaldelsesaccept", cpr: DemoData.Citizen.bo,
                content: "<v:IndkaldelseId>\(DemoData.boAwaitingAcceptance.uuidString.lowercased())</v:IndkaldelseId>"),
            "GetOmbookingSagsbehandlere": SOAP.operation("GetOmbookingSagsbehandlere", cpr: carla, content: carlasBooking),
            "GetOmbookingMoedetider": SOAP.operation("GetOmbookingMoedetider", cpr: carla,
                content: carlasBooking + RebookingOptionsTests.window()),
            "GetStraksbookingMoedetider": SOAP.operation("GetStraksbookingMoedetider", cpr: anna),
            "GetBookings": SOAP.operation("GetBookings", cpr: anna),
            "StraksbookOgTilmeld": StraksbookOgTilmeldTests.request(start: CopenhagenTime.adding(days: 1, to: Date())),
        ]
    }()

    static var cases: [(String, Trouble)] {
        requests.keys.sorted().flatMap { name in Trouble.allCases.map { (name, $0) } }
    }

    @Test func theTableCoversEveryOperationThatReadsPlanner() {
        #expect(Set(Self.requests.keys) == Set(OperationRegistry.operations.map(\.rawValue)).subtracting(["CreateFejlmelding"]))
    }

    @Test(arguments: Trouble.allCases)
    func createFejlmeldingIsUnaffectedByPlannersTrouble(_ trouble: Trouble) async throws {
        try await withTestGateway(configure: { configuration in
            if trouble == .unreachable { configuration.plannerURL = "http://planner.unreachable/" }
            if trouble == .identityMissing { configuration.rootDepartmentId = nil }
        }) { gateway async throws in
            if trouble == .serverError { await gateway.state.inject(.status(500), into: .personByCpr) }
            if trouble == .brokenAnswer { await gateway.state.inject(.garbage, into: .personByCpr) }
            let answer = try await gateway.post(CreateFejlmeldingTests.report())
            #expect(answer.status == 200, "\(trouble): \(answer.body)")
            #expect(await gateway.state.calls.isEmpty)
        }
    }

    @Test(arguments: cases)
    func everyOperationAnswersPlannerTroubleWithItsCode(_ name: String, _ trouble: Trouble) async throws {
        let operation = try #require(OperationRegistry.operation(named: name)?.operation)
        try await withTestGateway(configure: { configuration in
            switch trouble {
            case .unreachable: configuration.plannerURL = "http://planner.unreachable/"
            case .identityMissing: configuration.rootDepartmentId = nil
            case .serverError, .brokenAnswer: break
            }
        }) { gateway async throws in
            switch trouble {
            case .serverError: await gateway.state.inject(.status(500), into: .personByCpr)
            case .brokenAnswer: await gateway.state.inject(.garbage, into: .personByCpr)
            case .unreachable, .identityMissing: break
            }
            let answer = try await gateway.post(try #require(Self.requests[name]))
            #expect(answer.fejlkode == trouble.code, "\(name) \(trouble): \(answer.body)")
            #expect(answer.faultcode?.hasSuffix("Server") == true, "\(name) \(trouble)")
            #expect(StarCatalogueTests.mappings.catalogue.allowedCodes[operation]?.contains(trouble.code) == true)
            #expect(gateway.records.allSatisfy { !($0.reason ?? "").contains("a gateway defect") }, "\(name) \(trouble)")
        }
    }
}
