import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// OM – GetOmbookingMoedetider (digest §4.9): the times the booking can be moved to.
///
/// Checks and Planner calls, in order:
/// 1. the window, as GetSelvbookingMoedetider: end before start → 1014, ended → 4783, clipped to
///    `maximumSearchDays`;
/// 2. PersonByCpr → 4400 when Planner does not know the citizen;
/// 3. the booking is the citizen's (GetBookings, GetMicrositeCategories, the ledger) → 8107, 4768;
/// 4. its offer allows self-booking and rebooking, the booking is not immediate and its rebooking deadline
///    has not passed → 4812; the offer is still on the citizen's microsite → 8108;
/// 5. BookingOptions, filtered by caseworker and samtaleform → 4770 when empty; with the interview type.
/// Planner trouble: 4769 / 9018 / 9303 / 9329.
enum GetOmbookingMoedetider: GatewayOperation {
    static let operation = JobnetOperation.getOmbookingMoedetider
    static let starCodes = [
        StarFault.timeInThePast, StarFault.citizenUnknown, StarFault.bookingOfAnotherCitizen, StarFault.bookingUnknown,
        StarFault.rebookingNotAllowed, StarFault.offerNotActive, StarFault.noFreeTimes,
    ] + PlannerError.starCodes

    static func handle(_ request: OmbookingMoedetiderRequest, _ context: OperationContext) async throws(StarFault)
        -> OmbookingMoedetider
    {
        // 1.
        let (start, end) = try context.searchWindow(from: request.windowStart, to: request.windowEnd)
        // 2. and 3.
        let person = try await context.citizen(unknownCode: StarFault.citizenUnknown)
        let booking = try await context.citizenBooking(request.bookingId, of: person)
        // 4.
        let policy = BookingRules.effective(booking.mapping, start: booking.planner.startTime, now: booking.ledger?.createdAt ?? context.now)
        guard !booking.immediate, policy.rebooking.possible,
            let deadline = BookingRules.deadline(policy.rebooking, start: booking.planner.startTime), deadline > context.now
        else {
            throw StarFault.rebookingNotAllowed("the booking cannot be rebooked by the citizen (offer policy, immediate booking or deadline)")
        }
        guard let offer = booking.offer else { throw StarFault.offerNotActive("the booking's offer is not on the citizen's microsite") }
        // 5.
        var resource: String?
        if let caseworker = request.caseworker, booking.mapping.allowChoiceOfSupervisor, !booking.mapping.joint {
            guard let found = context.resource(forCaseworker: caseworker) else {
                throw StarFault.noFreeTimes("the chosen caseworker is not in caseworkers.yaml: no times")
            }
            resource = found
        }
        let search = TimeslotSearch(
            offerId: offer.id, mapping: booking.mapping, start: start, end: end, samtaleform: request.samtaleform, resource: resource)
        let list = try await search.run(for: person, context)
        guard !list.timeslots.isEmpty else { throw StarFault.noFreeTimes("BookingOptions left no free times") }
        return OmbookingMoedetider(moedetider: list, interviewType: booking.mapping.interviewTypeIdentifier)
    }
}

extension JobnetOperation {
    public static let getOmbookingMoedetider = JobnetOperation("GetOmbookingMoedetider", urlIdentifier: .indkaldelseId)
}
