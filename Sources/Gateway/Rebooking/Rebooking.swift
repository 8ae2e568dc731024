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
///    Server fault says the old time stands.
/// 4. journal `done`; the ledger: the old booking cancelled, the new one booked.
///
/// A gateway killed between steps finishes or undoes the rebooking at its next start (`recover`); where
/// the journal cannot know whether a Planner step happened (killed after Planner answered, before the
/// journal was written), Planner's GetBookings decides.
struct Rebooking {
    let context: OperationContext
    let person: PlannerPerson


    /// `resource` nil: Planner names no resource for the new time (it assigns one at MakeBooking).
    func run(old: CitizenBooking, offer: PlannerCategoryOffer, start: Date, resource: String?, samtaleform: Int?)
        async throws(StarFault) -> UUID
    {
        let ledger = context.ledger
        var entry = RebookingJournalEntry(
            id: UUID().lowercasedText, personId: person.personStatusId.lowercasedText,
            oldBookingId: old.planner.id.lowercasedText, oldOfferId: offer.id.lowercasedText,
            oldStart: old.planner.startTime, newOfferId: offer.id.lowercasedText, newStart: start,
            newResourceId: resource ?? Self.plannerAssigns, newReservationId: nil, step: .reserving, updatedAt: context.now)
        func journal(_ step: RebookingJournalEntry.Step) async throws(StarFault) {
            entry.step = step
            entry.updatedAt = context.now
            let current = entry
            try await context.ledgerCall { try await ledger.journal(current) }
        }
        try await journal(.reserving)
        // 1. Reserve the new time (or, with no resource to reserve it with, book it).
        let reservation: UUID
        do {
            if let resourceId = resource.flatMap(UUID.init(uuidString:)) {
                reservation = try await context.planner.createBookingReservation(PlannerReservationRequest(
                    offerId: offer.id, startDateTime: start, resourceId: resourceId, personId: person.personStatusId))
            } else {
                reservation = try await context.planner.makeBooking(PlannerMakeBookingRequest(
                    personId: person.personStatusId, offerId: offer.id, startTime: start, isImmediateBooking: false))
                context.notes.add("Planner names no resource for the new time: booked by MakeBooking before the old one is cancelled")
            }
        } catch {
            try await journal(.undone)
            if case .conflict = error { throw StarFault.timeAlreadyTaken("Planner answered 409: the new time was taken meanwhile") }
            throw error.starFault
        }
        entry.newReservationId = reservation.lowercasedText
        try await journal(.reserved)
        // 2. Cancel the old booking.
        do {
            try await context.planner.cancelBooking(bookingId: old.planner.id, personStatusId: person.personStatusId)
        } catch {
            try? await context.planner.cancelBooking(bookingId: reservation, personStatusId: person.personStatusId)
            try await journal(.undone)
            context.notes.add("cancelling the old booking failed: the new reservation was released, the old booking stands")
            let fault = error.starFault
            throw StarFault(fault.code, "the old booking stands: \(fault.reason)")
        }
        try await journal(.cancelled)
        if context.failpoint == .afterCancel { try? await Task.sleep(for: .seconds(60)) }
        // 3. Confirm the new reservation (twice), else book the old time again.
        try await Self.finish(&entry, person: person.personStatusId, context: context)
        guard entry.step == .done, let newId = entry.newReservationId.flatMap(UUID.init(uuidString:)) else {
            throw StarFault.plannerServerError("the new time could not be confirmed: the old time was booked again")
        }
        // 4. The ledger.
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

    /// The journal's `newResourceId` for a new time Planner names no resource for.
    static let plannerAssigns = ""

    /// Step 3 for an entry whose old booking is cancelled: confirm the new reservation (two tries; a new
    /// time booked by MakeBooking needs none), else book the old time again. Leaves the entry `done` or `undone`.
    static func finish(_ entry: inout RebookingJournalEntry, person: UUID, context: OperationContext) async throws(StarFault) {
        let ledger = context.ledger
        if entry.newResourceId == plannerAssigns, entry.newReservationId != nil {
            // Booked by MakeBooking in step 1: there is nothing to confirm.
            entry.step = .done
            entry.updatedAt = context.now
            let done = entry
            try await context.ledgerCall { try await ledger.journal(done) }
            return
        }
        if let reservation = entry.newReservationId.flatMap(UUID.init(uuidString:)) {
            for attempt in 1...2 {
                do {
                    try await context.planner.confirmBookingReservation(bookingId: reservation, personStatusId: person)
                    entry.step = .done
                    entry.updatedAt = context.now
                    let done = entry
                    try await context.ledgerCall { try await ledger.journal(done) }
                    return
                } catch {
                    context.notes.add("confirming the new reservation failed (try \(attempt)): \(error)")
                }
            }
            try? await context.planner.cancelBooking(bookingId: reservation, personStatusId: person)
        }
        // Restore the old time.
        guard let offer = UUID(uuidString: entry.oldOfferId) else { return }
        do {
            let restored = try await context.planner.makeBooking(PlannerMakeBookingRequest(
                personId: person, offerId: offer, startTime: entry.oldStart, isImmediateBooking: false))
            context.notes.add("the old time was booked again as \(restored.lowercasedText)")
            // The ledger follows: the old id is gone, the restored booking takes its place.
            if var row = try? await ledger.booking(plannerBookingId: entry.oldBookingId) {
                row.state = .cancelled
                row.updatedAt = context.now
                let cancelled = row
                try? await ledger.save(cancelled)
                var replacement = row
                replacement.requestKey = "restored|\(restored.lowercasedText)"
                replacement.plannerBookingId = restored.lowercasedText
                replacement.state = .booked
                let booked = replacement
                try? await ledger.save(booked)
            }
        } catch {
            context.notes.add("booking the old time again failed too (\(error)): the citizen must be contacted")
        }
        entry.step = .undone
        entry.updatedAt = context.now
        let undone = entry
        try await context.ledgerCall { try await ledger.journal(undone) }
    }

    /// At start-up: finish or undo every rebooking a previous run left half-way.
    static func recover(context: OperationContext) async -> [String] {
        var report: [String] = []
        guard let entries = try? await context.ledger.unfinishedRebookings() else { return ["the rebooking journal cannot be read"] }
        for var entry in entries {
            guard let person = UUID(uuidString: entry.personId) else { continue }
            switch entry.step {
            case .reserving, .reserved:
                // The journal does not say whether the old booking was cancelled: a gateway killed just after
                // Planner cancelled it, before the journal could say so, looks like this. Planner decides.
                let held = try? await context.planner.bookings(personStatusId: person)
                let oldStands = held?.contains {
                    $0.id.lowercasedText == entry.oldBookingId && ![.cancelled, .rejected].contains($0.status)
                } ?? true
                if entry.step == .reserved, !oldStands {
                    try? await finish(&entry, person: person, context: context)
                    report.append("rebooking \(entry.id) \(entry.step == .done ? "completed" : "undone (the old time booked again)") at start-up")
                    continue
                }
                // The old booking stands: release any new reservation.
                if let reservation = entry.newReservationId.flatMap(UUID.init(uuidString:)) {
                    try? await context.planner.cancelBooking(bookingId: reservation, personStatusId: person)
                } else if let stray = held?.first(where: {
                    // Reserved (status 6), or booked outright when Planner named no resource, before the journal said so.
                    abs($0.startTime.timeIntervalSince(entry.newStart)) < 1 && $0.id.lowercasedText != entry.oldBookingId
                        && ($0.status == .readyForCitizenConfirmation
                            || (entry.newResourceId == plannerAssigns && ![.cancelled, .rejected].contains($0.status)))
                }) {
                    try? await context.planner.cancelBooking(bookingId: stray.id, personStatusId: person)
                }
                entry.step = .undone
                entry.updatedAt = context.now
                let undone = entry
                try? await context.ledger.journal(undone)
                report.append("rebooking \(entry.id) undone at start-up: the old booking stands")
            case .cancelled:
                // Killed after Planner confirmed, before the journal said so: nothing left to do.
                let held = try? await context.planner.bookings(personStatusId: person)
                if let reservation = entry.newReservationId,
                    held?.contains(where: { $0.id.lowercasedText == reservation && $0.status == .accepted }) == true
                {
                    entry.step = .done
                    entry.updatedAt = context.now
                    let done = entry
                    try? await context.ledger.journal(done)
                    report.append("rebooking \(entry.id) found confirmed at start-up")
                    continue
                }
                try? await finish(&entry, person: person, context: context)
                report.append("rebooking \(entry.id) \(entry.step == .done ? "completed" : "undone (the old time booked again)") at start-up")
            case .done, .undone:
                break
            }
        }
        return report
    }
}
