import Foundation
import Jobnet
import Planner

/// What a booking looks like to Jobnet (JobnetBookingDetailsType), from Planner's facts and the mappings.
struct BookingFacts {
    var bookingId: UUID
    var start: Date
    var end: Date?
    var offer: PlannerCategoryOffer?
    var mapping: OfferMapping
    var holder: CaseWorker
    var samtaleform: Int?
    var immediate: Bool
    var selfBooked: Bool
    var awaitingAcceptance: Bool
    var title: String
    var description: String?
    var showCaseWorkerName: Bool
}
