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
        // Each resource Planner names is looked up once: a list names the same few caseworkers on every
        // time. nil: not one this search lists (offers.yaml's restriction, or another caseworker chosen).
        var resolved: [UUID: Int?] = [:]
        func caseWorkerId(_ resourceId: UUID) async throws(StarFault) -> Int? {
            if let known = resolved[resourceId] { return known }
            let key = resourceId.lowercasedText
            let id: Int?
            if !(allowed.isEmpty || allowed.contains(key)) || !(resource == nil || resource == key) {
                id = nil
            } else if let caseworker = context.mappings.caseworkers[key] {
                used[caseworker.numericId] = caseworker.caseWorker
                id = caseworker.numericId
            } else {
                id = try await context.unmappedCaseworkerId(key)
            }
            resolved[resourceId] = id
            return id
        }
        var timeslots: [Moedetider.Timeslot] = []
        timeslots.reserveCapacity(options.count)
        for option in options {
            var ids: [Int] = []
            for resourceId in option.resourceIds {
                if let id = try await caseWorkerId(resourceId), !ids.contains(id) { ids.append(id) }
            }
            if option.resourceIds.isEmpty, resource == nil {
                ids.append(UnmappedCaseworkers.plannerAssigns)
            }
            guard !ids.isEmpty else { continue }
            ids.sort()
            let rebooking = BookingRules.effective(mapping.rebooking, start: option.dateTime, now: context.now)
            let cancellation = BookingRules.effective(mapping.cancellation, start: option.dateTime, now: context.now)
            timeslots.append(Moedetider.Timeslot(
                startTime: option.dateTime, samtaleformer: samtaleformer,
                rebookingPossible: rebooking.possible, cancellationPossible: cancellation.possible,
                totalSeats: mapping.joint ? mapping.seats : nil, availableSeats: nil, caseWorkerIds: ids))
        }
        if timeslots.contains(where: { $0.caseWorkerIds.contains(UnmappedCaseworkers.plannerAssigns) }) {
            context.notes.add("options without resources (joint meeting by TaskId): listed as CaseWorkerID 0, Planner seats the citizen")
        }
        let choice = mapping.allowChoiceOfSupervisor && !mapping.joint
        let caseWorkers = choice ? used.keys.sorted().map { (id: $0, caseWorker: used[$0]!) } : []
        return Moedetider(caseWorkers: caseWorkers, timeslots: timeslots)
    }
}
