import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
@testable import PlannerSimulator
import Testing

/// Every operation, as one table: a message that is not valid is 1014, and a citizen Planner does not
/// know gets the code STAR gives that operation for it.
@Suite struct OperationTableTests {
    /// The code each operation answers a citizen Planner does not know with (nil: an answer, not a fault).
    static let unknownCitizen: [String: Int?] = [
        "GetBorgerstatus": 1010, "GetSelvbookingMoedetilbud": 8111, "GetSelvbookingMoedetider": 8111, "CreateSelvbooking": 8111,
        "CreateOmbooking": 4400, "DeleteBooking": 4768, "SaveIndkaldelsesaccept": 4400, "GetOmbookingSagsbehandlere": 4400,
        "GetOmbookingMoedetider": 4400, "GetBookings": nil, "GetStraksbookingMoedetider": 8111, "StraksbookOgTilmeld": 1010,
    ]

    @Test(arguments: OperationRegistry.operations.map(\.rawValue))
    func aMessageThatIsNotValidIs1014(_ name: String) async throws {
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(SOAP.operation(name, cpr: DemoData.Citizen.anna, content: "<v:IkkeIKontrakten>x</v:IkkeIKontrakten>"))
            #expect(answer.fejlkode == 1014, "\(name): \(answer.body)")
            #expect(gateway.records.last?.operation == name)
            #expect(await gateway.state.calls.isEmpty)
        }
    }

    @Test(arguments: unknownCitizen.keys.sorted())
    func aCitizenPlannerDoesNotKnowGetsTheOperationsCode(_ name: String) async throws {
        let valid = try #require(PlannerTroubleTableTests.requests[name])
        let request = name == "StraksbookOgTilmeld"
            ? StraksbookOgTilmeldTests.request(cpr: DemoData.Citizen.unknown, start: CopenhagenTime.adding(days: 1, to: Date()))
            : valid.replacingOccurrences(of: #"<v:PersonCivilRegistrationIdentifier>\d{10}<"#,
                                         with: "<v:PersonCivilRegistrationIdentifier>\(DemoData.Citizen.unknown)<", options: .regularExpression)
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(request)
            if let code = Self.unknownCitizen[name] ?? nil {
                #expect(answer.fejlkode == code, "\(name): \(answer.body)")
            } else {
                #expect(answer.status == 200, "\(name): \(answer.body)")
            }
        }
    }
}
