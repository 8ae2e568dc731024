import Foundation
import Jobnet
import Planner

/// AC – SaveIndkaldelsesaccept (digest §4.7): the citizen accepts a meeting they were called to.
///
/// Checks and Planner calls, in order:
/// 1. PersonByCpr → 4400 when Planner does not know the citizen;
/// 2. the booking is the citizen's: 8107 (the ledger knows another owner), 4768 (unknown);
/// 3. already accepted (status 1): success, no Planner call; awaiting acceptance (status 6):
///    ConfirmBookingReservation; any other status cannot be accepted → 4768.
/// Planner trouble: 4769 / 9018 / 9303 / 9329.
enum SaveIndkaldelsesaccept: GatewayOperation {
    static let operation = JobnetOperation.saveIndkaldelsesaccept
    static let starCodes = [
        StarFault.citizenUnknown, StarFault.bookingOfAnotherCitizen, StarFault.bookingUnknown,
    ] + PlannerError.starCodes

    static func handle(_ request: IndkaldelseRequest, _ context: OperationContext) async throws(StarFault) -> EmptyAnswer {
        let bookingId = request.bookingId
        let person = try await context.citizen(unknownCode: StarFault.citizenUnknown)
        try await context.locks.withLock(person.personStatusId.uuidString) { () async throws(StarFault) in
            let booking = try await context.citizenBooking(bookingId, of: person)
            switch booking.planner.status {
            case .accepted:
                context.notes.add("already accepted: nothing to do")
            case .readyForCitizenConfirmation:
                try await context.calls.confirm(bookingId, of: person)
            default:
                throw StarFault.bookingUnknown("the booking is in status \(booking.planner.status.rawValue), not awaiting acceptance")
            }
        }
        return EmptyAnswer()
    }
}

extension JobnetOperation {
    public static let saveIndkaldelsesaccept = JobnetOperation("SaveIndkaldelsesaccept", urlIdentifier: .indkaldelseId)
}
