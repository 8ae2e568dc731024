import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// ST – GetSelvbookingMoedetider (digest §4.3): the free times of one offer in a window.
///
/// Checks and Planner calls, in order:
/// 1. the window: end before start → 1014; ends in the past → 4783; starts in the past → from now;
///    longer than `maximumSearchDays` → clipped to that many days (the mapping log says so);
/// 2. PersonByCpr → 8111 when Planner does not know the citizen;
/// 3. GetMicrositeCategories → 8108 when the offer is not among the citizen's bookable offers;
/// 4. the chosen caseworker (SagsbehandlerEksterntId), when the offer allows a choice: one that
///    caseworkers.yaml does not know leaves no times;
/// 5. BookingOptions → the timeslot list, filtered by caseworker and samtaleform → 4770 when empty.
/// Planner trouble: 4769 / 9018 / 9303 / 9329.
enum GetSelvbookingMoedetider: GatewayOperation {
    static let operation = JobnetOperation.getSelvbookingMoedetider
    static let starCodes = [
        StarFault.timeInThePast, StarFault.unknownCPRLookup, StarFault.offerNotActive, StarFault.noFreeTimes,
    ] + PlannerError.starCodes

    static func handle(_ request: SelvbookingMoedetiderRequest, _ context: OperationContext) async throws(StarFault) -> Moedetider {
        // 1. The window.
        let (start, end) = try context.searchWindow(from: request.windowStart, to: request.windowEnd)
        // 2. The citizen.
        let person = try await context.citizen(unknownCode: StarFault.unknownCPRLookup)
        // 3. The offer.
        let offer = try await context.bookableOffer(request.offerId, for: person)
        let mapping = context.mappings.offer(offer.id)
        // 4. The chosen caseworker.
        var resource: String?
        if let caseworker = request.caseworker {
            if mapping.allowChoiceOfSupervisor && !mapping.joint {
                guard let found = context.resource(forCaseworker: caseworker) else {
                    throw StarFault.noFreeTimes("the chosen caseworker is not in caseworkers.yaml: no times")
                }
                resource = found
            } else {
                context.notes.add("the offer allows no choice of caseworker: SagsbehandlerEksterntId ignored")
            }
        }
        // 5. The free times.
        let search = TimeslotSearch(
            offerId: offer.id, mapping: mapping, start: start, end: end, samtaleform: request.samtaleform, resource: resource)
        let list = try await search.run(for: person, context)
        guard !list.timeslots.isEmpty else { throw StarFault.noFreeTimes("BookingOptions left no free times") }
        return list
    }
}

extension JobnetOperation {
    public static let getSelvbookingMoedetider = JobnetOperation("GetSelvbookingMoedetider", urlIdentifier: .moedetilbudId)
}
