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

extension OperationContext {
    /// A search window as Jobnet sent it, made fit for BookingOptions: an end before the start is 1014, a
    /// window that has ended 4783; its past part is dropped, and a window longer than `maximumSearchDays`
    /// is clipped (the mapping log says so). The one place these rules are raised.
    func searchWindow(from requestedStart: Date, to requestedEnd: Date) throws(StarFault) -> (start: Date, end: Date) {
        guard requestedEnd >= requestedStart else {
            throw StarFault.notValid("SlutMoedetidsinterval is before StartMoedetidsinterval")
        }
        guard requestedEnd > now else { throw StarFault.timeInThePast("the search window ends in the past") }
        let start = max(requestedStart, now)
        let longest = CopenhagenTime.adding(days: limits.maximumSearchDays, to: start)
        guard requestedEnd > longest else { return (start, requestedEnd) }
        notes.add("search window clipped to \(limits.maximumSearchDays) days")
        return (start, longest)
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

    /// The Planner resource behind a caseworker's RID (SagsbehandlerEksterntId), as caseworkers.yaml maps it.
    func resource(forCaseworker identifier: String) -> String? {
        mappings.caseworkers.first { $0.value.caseWorker.identifier == identifier }?.key
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

    /// The caseworkers an offer allows, as the mappings name them.
    func allowedCaseworkers(_ mapping: OfferMapping) -> [CaseWorker] {
        let all = mappings.caseworkers
        let ids = mapping.caseworkers.isEmpty ? all.keys.sorted() : mapping.caseworkers
        return ids.compactMap { all[$0] }.sorted { $0.numericId < $1.numericId }.map(\.caseWorker)
    }
}
