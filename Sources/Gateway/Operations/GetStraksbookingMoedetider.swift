import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// SM – GetStraksbookingMoedetider (digest §4.11): the times the citizen can book immediately.
///
/// Checks and Planner calls, in order:
/// 1. PersonByCpr → 8111 when Planner does not know the citizen;
/// 2. GetMicrositeCategories → the citizen's bookable offers mapped `immediate: true`, those of an
///    interview type whose offer is mapped `immediateRequired` first (the type that made immediate
///    booking required), then the others, each group in category order;
/// 3. BookingOptions for each, over the next `immediateSearchDays` but not past the citizen's open Frist
///    of its interview type (StraksbookOgTilmeld would answer 8288): the first with free times is the
///    answer (its timeslot list and its own fields) → 4770 when none has any.
/// Planner trouble: 4769 / 9018 / 9303 / 9329.
///
/// The bookings block the digest shows after the offer fields (§4.11, unclear) is left out: GetBookings
/// serves the citizen's bookings (Wsdl/README.md).
enum GetStraksbookingMoedetider: GatewayOperation {
    static let operation = JobnetOperation.getStraksbookingMoedetider
    static let starCodes = [StarFault.unknownCPRLookup, StarFault.noFreeTimes] + PlannerError.starCodes

    static func handle(_ request: NoRequestBody, _ context: OperationContext) async throws(StarFault) -> StraksbookingMoedetider {
        let person = try await context.citizen(unknownCode: StarFault.unknownCPRLookup)
        let bookable = try await context.bookableOffers(for: person)
        // The interview types whose offers make immediate booking required (GetBorgerstatus's
        // StraksbookingPaakraevet) are answered for first: that is the booking the citizen must make.
        let required = Set(bookable.map { context.mappings.offer($0.id) }.filter(\.immediateRequired).map(\.interviewTypeIdentifier))
        let immediate = bookable.filter { context.mappings.offer($0.id).immediate }
        let offers = immediate.filter { required.contains(context.mappings.offer($0.id).interviewTypeIdentifier) }
            + immediate.filter { !required.contains(context.mappings.offer($0.id).interviewTypeIdentifier) }
        guard !offers.isEmpty else { throw StarFault.noFreeTimes("no bookable offer is mapped immediate") }
        let end = CopenhagenTime.adding(days: context.limits.immediateSearchDays, to: context.now)
        for offer in offers {
            // Only times StraksbookOgTilmeld will take: none after the citizen's open Frist of the type (8288).
            let mapping = context.mappings.offer(offer.id)
            var searchEnd = end
            if let (deadline, dayAfter) = try await context.openDeadline(of: person, interviewType: mapping.interviewTypeIdentifier),
                dayAfter < end
            {
                searchEnd = dayAfter
                context.notes.add("times for offer \(offer.id.lowercasedText) end with the Frist (hold by \(CopenhagenTime.day(deadline.holdBy)))")
            }
            guard searchEnd > context.now else { continue }
            let search = TimeslotSearch(
                offerId: offer.id, mapping: mapping, start: context.now, end: searchEnd,
                samtaleform: nil, resource: nil)
            let list = try await search.run(for: person, context)
            guard !list.timeslots.isEmpty else {
                context.notes.add("immediate offer \(offer.id.lowercasedText) has no free times")
                continue
            }
            context.notes.add("immediate offer \(offer.id.lowercasedText) chosen")
            return StraksbookingMoedetider(moedetider: list, offer: context.moedetilbud(offer))
        }
        throw StarFault.noFreeTimes("no immediate offer has free times in \(context.limits.immediateSearchDays) days")
    }
}

extension JobnetOperation {
    public static let getStraksbookingMoedetider = JobnetOperation("GetStraksbookingMoedetider")
}
