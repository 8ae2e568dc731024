import Foundation
import Jobnet
import Planner

/// GB – GetBookings (digest §4.10; deprecated by STAR, still served): the citizen's current meetings.
///
/// Planner calls, in order: PersonByCpr → GetBookings → GetMicrositeCategories (to match bookings the
/// ledger does not know to an offer by title). Afvist (2) and Aflyst (3) are left out.
/// A citizen Planner does not know has no bookings: an empty answer (the digest lists no code for it).
/// Planner trouble: 4769 / 9018 / 9303 / 9329 (gateway additions).
enum GetBookings {
    static let starCodes = PlannerError.starCodes

    static func handle(_ context: OperationContext) async throws(StarFault) -> [JobnetBookingDetails] {
        guard let person = try await context.citizenIfKnown() else {
            context.notes.add("Planner does not know the citizen: no bookings")
            return []
        }
        return try await context.currentBookings(of: person).map(context.details)
    }
}
