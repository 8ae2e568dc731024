import Foundation
import Jobnet
import Planner

/// The rebooking's three Planner steps, journaled, so that the citizen ends with exactly one meeting:
///
/// 1. journal `reserving` → CreateBookingReservation (the new time). Fails: nothing changed, the fault.
///    A new time Planner names no resource for (a joint meeting's session, by TaskId only) cannot be
///    reserved: it is booked outright with MakeBooking instead (the journal's resource is empty), so that
///    the citizen holds it before the old one goes: never no meeting, at worst two until step 2.
/// 2. journal `reserved` → CancelBooking (the old booking). Fails: the new reservation is cancelled,
///    journal `undone`, the old booking stands; the fault.
/// 3. journal `cancelled` → ConfirmBookingReservation (the new time), tried twice (nothing to confirm
///    after MakeBooking). Fails: the old time is booked again (MakeBooking), journal `undone`, and a
///    Server fault says the old time stands; if that fails too, the journal stays `cancelled` for the
///    next start's recovery.
///
/// Once begun, the steps are not cut off by the cancellation of Jobnet's call (they run in a task of
/// their own).
/// 4. journal `done`; the ledger: the old booking cancelled, the new one booked.
///
/// A gateway killed between steps finishes or undoes the rebooking at its next start (`recover`); where
/// the journal cannot know whether a Planner step happened (killed after Planner answered, before the
/// journal was written), Planner's GetBookings decides. The moves are one table (`StateMachine`) and one
/// driver (`advance`) for both; the Planner steps are in `Rebooking+Steps.swift`.
struct Rebooking {
    let context: OperationContext
    let person: PlannerPerson

    /// The journal's `newResourceId` for a new time Planner names no resource for.
    static let plannerAssigns = ""

    /// Moves `old` to `start`. `resource` nil: Planner names no resource for the new time (it assigns
    /// one at MakeBooking). Returns the new booking's id; any fault means the old time stands.
    func run(old: CitizenBooking, offer: PlannerCategoryOffer, start: Date, resource: String?, samtaleform: Int?)
        async throws(StarFault) -> UUID
    {
        var entry = RebookingJournalEntry(
            id: UUID().lowercasedText, personId: person.personStatusId.lowercasedText,
            oldBookingId: old.planner.id.lowercasedText, oldOfferId: offer.id.lowercasedText,
            oldStart: old.planner.startTime, newOfferId: offer.id.lowercasedText, newStart: start,
            newResourceId: resource ?? Self.plannerAssigns, newReservationId: nil, step: .reserving, updatedAt: context.now)
        try await Self.journal(&entry, .reserving, context)
        // Once begun, the steps run to their end even if Jobnet's call is cancelled (a client gone, a
        // shutdown past its grace): a Planner write aborted half-way is an outcome nobody knows, between
        // a cancelled old booking and an unconfirmed new one. So they run in a task of their own.
        let begun = entry
        let context = context
        let outcome = await Task { () async -> Result<RebookingJournalEntry, StarFault> in
            var entry = begun
            do throws(StarFault) {
                try await Self.advance(&entry, from: StateMachine.next(after: .reserving), context: context, live: true)
                return .success(entry)
            } catch {
                return .failure(error)
            }
        }.value
        entry = try outcome.get()
        guard entry.step == .done, let newId = entry.newReservationId.flatMap(UUID.init(uuidString:)) else {
            if entry.step == .cancelled {
                throw StarFault.plannerServerError(
                    "the new time could not be confirmed and the old time could not be booked again: the gateway settles it at its next start")
            }
            throw StarFault.plannerServerError("the new time could not be confirmed: the old time was booked again")
        }
        // 4. The ledger.
        let ledger = context.ledger
        if var row = old.ledger {
            row.state = .cancelled
            row.updatedAt = context.now
            let cancelled = row
            try await context.ledgerCall { try await ledger.save(cancelled) }
        }
        let now = context.now
        let booked = LedgerBooking(
            requestKey: Ledger.key(personId: person.personStatusId, offerId: offer.id, start: start),
            plannerBookingId: newId.lowercasedText, offerId: offer.id.lowercasedText,
            personId: person.personStatusId.lowercasedText, start: start,
            end: start.addingTimeInterval(Double(old.mapping.durationMinutes) * 60), resourceId: resource, samtaleform: samtaleform,
            origin: old.ledger?.origin == .learned ? .learned : .selfBooked, state: .booked, createdAt: now, updatedAt: now)
        try await context.ledgerCall { try await ledger.save(booked) }
        context.notes.add("rebooked \(entry.oldBookingId) to \(newId.lowercasedText)")
        return newId
    }

    /// Takes `action` and the moves after it until the rebooking is done or undone. `live`: the call
    /// that makes the rebooking, which answers Jobnet with the fault that undid it; the recovery
    /// (`live: false`) only leaves the journal right.
    static func advance(
        _ entry: inout RebookingJournalEntry, from action: StateMachine.Action, context: OperationContext, live: Bool,
        stray: UUID? = nil
    ) async throws(StarFault) {
        guard let person = UUID(uuidString: entry.personId) else { return }
        var action = action
        while true {
            switch action {
            case .reserveNew:
                do {
                    entry.newReservationId = try await reserveNew(entry, person: person, context: context).lowercasedText
                } catch {
                    try await journal(&entry, .undone, context)
                    if case .conflict = error { throw StarFault.timeAlreadyTaken("Planner answered 409: the new time was taken meanwhile") }
                    throw error.starFault
                }
                try await journal(&entry, .reserved, context)
            case .cancelOld:
                do {
                    try await cancelOld(entry, person: person, context: context)
                } catch {
                    await releaseNew(entry, person: person, stray: stray, context: context)
                    try await journal(&entry, .undone, context)
                    context.notes.add("cancelling the old booking failed: the new reservation was released, the old booking stands")
                    let fault = error.starFault
                    throw StarFault(fault.code, "the old booking stands: \(fault.reason)")
                }
                try await journal(&entry, .cancelled, context)
                if live, context.failpoint == .afterCancel { try? await Task.sleep(for: .seconds(60)) }
            case .confirmNew:
                guard await confirmNew(entry, person: person, context: context) else {
                    await releaseNew(entry, person: person, stray: nil, context: context)
                    action = StateMachine.compensation(for: .confirmNew)
                    continue
                }
                try await journal(&entry, .done, context)
            case .restoreOld:
                // Not restored: the journal stays `cancelled`, so the next start's recovery confirms the
                // new time or books the old one again; the citizen is not left without either for good.
                guard await restoreOld(entry, person: person, context: context) else { return }
                try await journal(&entry, .undone, context)
            case .releaseNew:
                await releaseNew(entry, person: person, stray: stray, context: context)
                try await journal(&entry, .undone, context)
            case .finished:
                return
            }
            action = StateMachine.next(after: entry.step)
        }
    }

    /// Finishes or undoes the rebookings left half-way whose lease has run out (every one, when
    /// `ignoringLeases`). Each is taken under the citizen's lock — no live call for the citizen runs
    /// meanwhile, on any instance — and claimed in the ledger, so that two instances never both take it.
    static func recover(context: OperationContext, ignoringLeases: Bool = true, when: String = "at start-up") async -> [String] {
        var report: [String] = []
        guard let entries = try? await context.ledger.unfinishedRebookings(leaseExpiredOnly: !ignoringLeases) else {
            return ["the rebooking journal cannot be read"]
        }
        for listed in entries {
            guard let person = UUID(uuidString: listed.personId) else { continue }
            let line = try? await context.locks.withLock(person.uuidString) { () async throws(StarFault) -> String? in
                guard let claimed = try? await context.ledger.claimRebooking(id: listed.id, ignoringLease: ignoringLeases) else {
                    return nil   // finished meanwhile, or another instance took it
                }
                return await recover(claimed, person: person, context: context, when: when)
            }
            if let line { report.append(line) }
        }
        return report
    }

    /// Finishes or undoes one rebooking; Planner's GetBookings says which steps happened.
    private static func recover(_ claimed: RebookingJournalEntry, person: UUID, context: OperationContext, when: String) async -> String {
        var entry = claimed
        // Without Planner's view the journal cannot tell which steps happened: left for the next pass.
        guard let held = try? await context.planner.bookings(personStatusId: person) else {
            return "rebooking \(entry.id) left for the next pass: GetBookings failed"
        }
        let view = StateMachine.PlannerView(
            oldStands: held.contains {
                $0.id.lowercasedText == entry.oldBookingId && ![.cancelled, .rejected].contains($0.status)
            },
            newConfirmed: held.contains { $0.id.lowercasedText == entry.newReservationId && $0.status == .accepted })
        // A new time Planner holds although the journal does not know its id (killed after Planner answered).
        let stray = held.first(where: {
            abs($0.startTime.timeIntervalSince(entry.newStart)) < 1 && $0.id.lowercasedText != entry.oldBookingId
                && ($0.status == .readyForCitizenConfirmation
                    || (entry.newResourceId == plannerAssigns && ![.cancelled, .rejected].contains($0.status)))
        })?.id
        switch StateMachine.recovery(from: entry.step, planner: view) {
        case .finished:
            try? await journal(&entry, .done, context)
            return "rebooking \(entry.id) found confirmed \(when)"
        case .releaseNew:
            try? await advance(&entry, from: .releaseNew, context: context, live: false, stray: stray)
            return "rebooking \(entry.id) undone \(when): the old booking stands"
        case let action:
            try? await advance(&entry, from: action, context: context, live: false, stray: stray)
            let outcome = switch entry.step {
            case .done: "completed"
            case .undone: "undone (the old time booked again)"
            default: "left for the next pass (neither the new time confirmed nor the old one booked again)"
            }
            return "rebooking \(entry.id) \(outcome) \(when)"
        }
    }

    /// Writes the entry at `step`; a ledger that cannot be written is the gateway's own trouble (9303).
    static func journal(_ entry: inout RebookingJournalEntry, _ step: RebookingJournalEntry.Step, _ context: OperationContext)
        async throws(StarFault)
    {
        entry.step = step
        entry.updatedAt = context.now
        let current = entry
        try await context.ledgerCall { try await context.ledger.journal(current) }
    }
}
