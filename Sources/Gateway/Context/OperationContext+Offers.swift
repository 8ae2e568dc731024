import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// The citizen's bookable offers (GetMicrositeCategories) and how Jobnet sees one (`Moedetilbud`).
extension OperationContext {
    /// GetMicrositeCategories, flattened to the booking offers that have not expired.
    func bookableOffers(for person: PlannerPerson) async throws(StarFault) -> [PlannerCategoryOffer] {
        let tree = try await calls.categories(of: person)
        let now = self.now
        let offers = tree.flatMap(\.bookingOffers).filter { offer in
            guard let expiry = offer.expiryDate else { return true }
            return expiry > now
        }
        for offer in offers {
            let source = mappings.offer(offer.id).source
            notes.add("offer \(offer.id.lowercasedText) mapped by \(source.rawValue)")
        }
        return offers
    }

    /// The citizen's bookable offer with this id, or 8108 when Planner does not offer it (unknown,
    /// expired, or not on the citizen's microsite).
    func bookableOffer(_ id: UUID, for person: PlannerPerson) async throws(StarFault) -> PlannerCategoryOffer {
        let offers = try await bookableOffers(for: person)
        guard let offer = offers.first(where: { $0.id == id }) else {
            throw StarFault.offerNotActive("offer \(id.lowercasedText) is not among the citizen's bookable offers")
        }
        return offer
    }

    /// The offer described for Jobnet (`Moedetilbud`), from Planner's entry and the mapping.
    func moedetilbud(_ offer: PlannerCategoryOffer, first: Date? = nil, last: Date? = nil) -> Moedetilbud {
        let mapping = mappings.offer(offer.id)
        let choice = mapping.allowChoiceOfSupervisor && !mapping.joint
        return Moedetilbud(
            id: offer.id.lowercasedText,
            interviewTypeIdentifier: mapping.interviewTypeIdentifier,
            interviewFormTypeIdentifier: mapping.joint ? mappings.codeLists.moedeGruppeJoint : mappings.codeLists.moedeGruppeIndividual,
            samtaleformer: mapping.samtaleformer.compactMap { mappings.codeLists.samtaleformer[$0] },
            location: mapping.location, meetingDurationMinutes: mapping.durationMinutes,
            firstTimeslot: first, lastTimeslot: last, allowChoiceOfSupervisor: choice,
            meetingTitle: offer.title, meetingDescription: offer.description.isEmpty ? nil : offer.description,
            supervisors: choice ? allowedCaseworkers(mapping) : [])
    }
}
