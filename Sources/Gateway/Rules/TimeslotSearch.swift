import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// BookingOptions turned into the v10 timeslot list, for one offer, as the mappings describe it.
///
/// Shared by self-booking (GetSelvbookingMoedetider), immediate booking (GetStraksbookingMoedetider)
/// and, later, rebooking: the same offer gives the same list whichever way Jobnet asks.
struct TimeslotSearch {
    var offerId: UUID
    var mapping: OfferMapping
    var start: Date
    var end: Date
    /// Only times offering this samtaleform, and only it in each slot.
    var samtaleform: Int?
    /// Only this caseworker (a Planner resource id), when the offer allows a choice.
    var resource: String?

    /// The free times; empty when there are none.
    ///
    /// Every time Planner offers stays bookable, whoever holds it:
    /// - a resource caseworkers.yaml names is listed by its CaseWorkerID (and, when the offer allows a
    ///   choice, in CaseWorkerToBook with its RID);
    /// - a resource it does not name gets a CaseWorkerID of the gateway's own (`UnmappedCaseworkers`),
    ///   listed on its times only: with no RID to send back it cannot be chosen, and booking such a
    ///   time goes through MakeBooking, where Planner picks the caseworker;
    /// - a joint meeting's option that names no resource (only a TaskId) is listed with CaseWorkerID
    ///   `UnmappedCaseworkers.plannerAssigns` (0): Planner seats the citizen.
    /// An offer's `caseworkers` in offers.yaml is an explicit restriction and still filters the resources
    /// Planner names; a time Planner names none for cannot be held to it, and is listed (with 0).
    func run(for person: PlannerPerson, _ context: OperationContext) async throws(StarFault) -> Moedetider {
        let codeLists = context.mappings.codeLists
        var samtaleformer = mapping.samtaleformer.compactMap { codeLists.samtaleformer[$0] }
        if let samtaleform {
            guard samtaleformer.contains(samtaleform) else {
                context.notes.add("samtaleform \(samtaleform) is not offered by the offer: no times")
                return Moedetider(caseWorkers: [], timeslots: [])
            }
            samtaleformer = [samtaleform]
        }
        let options = try await context.bookingOptions(person: person, offerId: offerId, from: start, to: end)
        let allowed = Set(mapping.caseworkers)
        var used: [Int: CaseWorker] = [:]
        var unmappedIds: [String: Int] = [:]
        var timeslots: [Moedetider.Timeslot] = []
        for option in options {
            var ids: Set<Int> = []
            for resourceId in option.resourceIds {
                let key = resourceId.lowercasedText
                guard allowed.isEmpty || allowed.contains(key), resource == nil || resource == key else { continue }
                if let caseworker = context.mappings.caseworkers[key] {
                    ids.insert(caseworker.numericId)
                    used[caseworker.numericId] = caseworker.caseWorker
                } else if let known = unmappedIds[key] {
                    ids.insert(known)
                } else {
                    let id = try await context.unmappedCaseworkerId(key)
                    unmappedIds[key] = id
                    ids.insert(id)
                }
            }
            if option.resourceIds.isEmpty, resource == nil {
                ids.insert(UnmappedCaseworkers.plannerAssigns)
            }
            guard !ids.isEmpty else { continue }
            let policy = BookingRules.effective(mapping, start: option.dateTime, now: context.now)
            timeslots.append(Moedetider.Timeslot(
                startTime: option.dateTime, samtaleformer: samtaleformer,
                rebookingPossible: policy.rebooking.possible, cancellationPossible: policy.cancellation.possible,
                totalSeats: mapping.joint ? mapping.seats : nil, availableSeats: nil, caseWorkerIds: ids.sorted()))
        }
        if timeslots.contains(where: { $0.caseWorkerIds.contains(UnmappedCaseworkers.plannerAssigns) }) {
            context.notes.add("options without resources (joint meeting by TaskId): listed as CaseWorkerID 0, Planner seats the citizen")
        }
        let choice = mapping.allowChoiceOfSupervisor && !mapping.joint
        let caseWorkers = choice ? used.keys.sorted().map { (id: $0, caseWorker: used[$0]!) } : []
        return Moedetider(caseWorkers: caseWorkers, timeslots: timeslots)
    }
}
