import Foundation
import Jobnet
import Planner

/// A citizen's booking as the gateway understands it: Planner's entry, the ledger's row (which knows
/// the offer and the owner), and the offer mapping that applies.
struct CitizenBooking {
    var planner: PlannerBooking
    var ledger: LedgerBooking?
    var offer: PlannerCategoryOffer?
    var mapping: OfferMapping
    var immediate: Bool { ledger?.origin == .immediate }
    var selfBooked: Bool { ledger.map { $0.origin != .learned } ?? false }
}
