import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// MT – GetSelvbookingMoedetilbud (digest §4.2): the offers the citizen may book online.
///
/// Planner calls, in order: PersonByCpr → GetMicrositeCategories → BookingOptions (joint meetings
/// only, over the search window, for FirstTimeslot/LastTimeslot, which STAR requires for them).
/// STAR codes: 8111 unknown CPR; 4769 / 9018 / 9303 / 9329 for Planner trouble.
enum GetSelvbookingMoedetilbud: GatewayOperation {
    static let operation = JobnetOperation.getSelvbookingMoedetilbud
    /// The STAR codes this operation raises, in the order of the comment above.
    static let starCodes = [StarFault.unknownCPRLookup] + PlannerError.starCodes
    /// How far ahead a joint meeting's sessions are looked for: one BookingOptions call's month.
    static let jointSearchDays = OperationContext.plannerMaximumWindowDays

    static func handle(_ request: NoRequestBody, _ context: OperationContext) async throws(StarFault) -> MoedetilbudSamling {
        let person = try await context.citizen(unknownCode: StarFault.unknownCPRLookup)
        let offers = try await context.bookableOffers(for: person)
        var result: [Moedetilbud] = []
        for offer in offers {
            let mapping = context.mappings.offer(offer.id)
            var first: Date?
            var last: Date?
            if mapping.joint {
                let window = (start: context.now, end: CopenhagenTime.adding(days: jointSearchDays, to: context.now))
                let options = try await context.bookingOptions(person: person, offerId: offer.id, from: window.start, to: window.end)
                guard let earliest = options.map(\.dateTime).min(), let latest = options.map(\.dateTime).max() else {
                    context.notes.add("joint offer \(offer.id.lowercasedText) left out: no sessions in \(jointSearchDays) days")
                    continue
                }
                first = earliest
                last = latest
            }
            result.append(context.moedetilbud(offer, first: first, last: last))
        }
        return MoedetilbudSamling(result)
    }
}

extension JobnetOperation {
    public static let getSelvbookingMoedetilbud = JobnetOperation("GetSelvbookingMoedetilbud")
}
