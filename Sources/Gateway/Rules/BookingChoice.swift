import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// What the citizen chose for a new meeting (time, samtaleform, caseworker), checked against the offer:
/// shared by CreateSelvbooking, StraksbookOgTilmeld and CreateOmbooking, so each rule is raised in one place.
struct BookingChoice {
    /// The samtaleform's name in code-lists.yaml, when one was chosen.
    var samtaleformName: String?
    /// The chosen caseworker's Planner resource id, when one was chosen.
    var resource: String?

    /// In order: the offer's window → 8109; the samtaleform is the offer's → 4708; the caseworker is known
    /// → 4822 and allowed → 9003; the offer's policy for this meeting (BookingRules).
    init(start: Date, samtaleform: Int?, caseworker: String?, offer: PlannerCategoryOffer, mapping: OfferMapping,
         context: OperationContext) throws(StarFault)
    {
        let latest = CopenhagenTime.adding(days: mapping.bookableDays, to: context.now)
        if start > latest || (offer.expiryDate.map { start >= $0 } ?? false) {
            throw StarFault.outsideOfferWindow("the start is outside the offer's window (\(mapping.bookableDays) days, or past its expiry)")
        }
        let codeLists = context.mappings.codeLists
        if let samtaleform {
            guard let name = mapping.samtaleformer.first(where: { codeLists.samtaleformer[$0] == samtaleform }) else {
                throw StarFault.samtaleformInvalid("samtaleform \(samtaleform) is not one the offer has")
            }
            samtaleformName = name
        }
        if let caseworker {
            guard let found = context.resource(forCaseworker: caseworker) else {
                throw StarFault.caseworkerUnknown("the caseworker's RID is not in caseworkers.yaml")
            }
            guard mapping.allowChoiceOfSupervisor, !mapping.joint, mapping.caseworkers.isEmpty || mapping.caseworkers.contains(found) else {
                throw StarFault.caseworkerNotAllowed("the offer does not allow this caseworker")
            }
            resource = found
        }
        try BookingRules.check(mapping, start: start, samtaleformName: samtaleformName ?? mapping.samtaleformer.first,
            codeLists: codeLists, now: context.now)
    }

    static let starCodes = [
        StarFault.outsideOfferWindow, StarFault.samtaleformInvalid, StarFault.caseworkerUnknown,
        StarFault.caseworkerNotAllowed,
    ] + BookingRules.starCodes
}
