import Foundation
import Jobnet
import Planner

/// GB – GetBookings (digest §4.10; deprecated by STAR, still served): the citizen's current meetings.
///
/// Planner calls, in order: PersonByCpr → GetBookings → GetMicrositeCategories (to match bookings the
/// ledger does not know to an offer by title). Afvist (2) and Aflyst (3) are left out.
/// A citizen Planner does not know has no bookings: an empty answer (the digest lists no code for it).
/// Planner trouble: 4769 / 9018 / 9303 / 9329 (gateway additions).
enum GetBookings: GatewayOperation {
    static let operation = JobnetOperation.getBookings
    static let starCodes = PlannerError.starCodes

    static func handle(_ request: NoRequestBody, _ context: OperationContext) async throws(StarFault) -> BookingsAnswer {
        guard let person = try await context.citizenIfKnown() else {
            context.notes.add("Planner does not know the citizen: no bookings")
            return BookingsAnswer([])
        }
        return BookingsAnswer(try await context.currentBookings(of: person).map(context.details))
    }
}

extension JobnetOperation {
    public static let getBookings = JobnetOperation("GetBookings")
}
