import Foundation
import Jobnet
import Planner

/// OS – GetOmbookingSagsbehandlere (digest §4.8): every caseworker the booking's offer allows, whether
/// or not they have free time.
///
/// Checks and Planner calls, in order:
/// 1. PersonByCpr → 4400 when Planner does not know the citizen;
/// 2. the booking is the citizen's (GetBookings, GetMicrositeCategories, the ledger): 8107, 4768;
/// 3. the offer's caseworkers from the mappings; AllowChoiceOfSupervisor is false for joint meetings.
/// Planner trouble: 4769 / 9018 / 9303 / 9329.
enum GetOmbookingSagsbehandlere: GatewayOperation {
    static let operation = JobnetOperation.getOmbookingSagsbehandlere
    static let starCodes = [
        StarFault.citizenUnknown, StarFault.bookingOfAnotherCitizen, StarFault.bookingUnknown,
    ] + PlannerError.starCodes

    static func handle(_ request: IndkaldelseRequest, _ context: OperationContext) async throws(StarFault) -> SagsbehandlereAnswer {
        let person = try await context.citizen(unknownCode: StarFault.citizenUnknown)
        let booking = try await context.citizenBooking(request.bookingId, of: person)
        let mapping = booking.mapping
        return SagsbehandlereAnswer(
            allowChoiceOfSupervisor: mapping.allowChoiceOfSupervisor && !mapping.joint, supervisors: context.allowedCaseworkers(mapping))
    }
}

extension JobnetOperation {
    public static let getOmbookingSagsbehandlere = JobnetOperation("GetOmbookingSagsbehandlere", urlIdentifier: .indkaldelseId)
}
