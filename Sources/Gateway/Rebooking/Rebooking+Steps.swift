import Foundation
import Jobnet
import Planner

/// The rebooking's Planner steps, each one call (or two), as `advance` takes them.
extension Rebooking {
    /// Holds the new time: a reservation with the chosen resource, or, when Planner names none (a joint
    /// meeting's session by TaskId), the booking itself, so the citizen holds it before the old one goes.
    static func reserveNew(_ entry: RebookingJournalEntry, person: UUID, context: OperationContext) async throws(PlannerError) -> UUID {
        guard let offer = UUID(uuidString: entry.newOfferId) else { throw .invalidRequest("the journal's new offer is not a GUID") }
        if let resourceId = UUID(uuidString: entry.newResourceId) {
            return try await context.planner.createBookingReservation(PlannerReservationRequest(
                offerId: offer, startDateTime: entry.newStart, resourceId: resourceId, personId: person))
        }
        let booked = try await context.planner.makeBooking(PlannerMakeBookingRequest(
            personId: person, offerId: offer, startTime: entry.newStart, isImmediateBooking: false))
        context.notes.add("Planner names no resource for the new time: booked by MakeBooking before the old one is cancelled")
        return booked
    }

    static func cancelOld(_ entry: RebookingJournalEntry, person: UUID, context: OperationContext) async throws(PlannerError) {
        guard let old = UUID(uuidString: entry.oldBookingId) else { throw .invalidRequest("the journal's old booking is not a GUID") }
        try await context.planner.cancelBooking(bookingId: old, personStatusId: person)
    }

    /// Confirms the new reservation, trying twice; true when it is confirmed (a time booked outright by
    /// MakeBooking needs no confirmation), false when the old time must be restored.
    static func confirmNew(_ entry: RebookingJournalEntry, person: UUID, context: OperationContext) async -> Bool {
        guard let reservation = entry.newReservationId.flatMap(UUID.init(uuidString:)) else { return false }
        if entry.newResourceId == plannerAssigns { return true }
        for attempt in 1...2 {
            do {
                try await context.planner.confirmBookingReservation(bookingId: reservation, personStatusId: person)
                return true
            } catch {
                context.notes.add("confirming the new reservation failed (try \(attempt)): \(error)")
            }
        }
        return false
    }

    /// Lets go of the new time: its reservation (or booking) cancelled, or the one Planner holds that the
    /// journal never learned the id of. Failures are left to lapse (a reservation does by itself).
    static func releaseNew(_ entry: RebookingJournalEntry, person: UUID, stray: UUID?, context: OperationContext) async {
        guard let id = entry.newReservationId.flatMap(UUID.init(uuidString:)) ?? stray else { return }
        try? await context.planner.cancelBooking(bookingId: id, personStatusId: person)
    }

    /// Books the old time again, after the new one could not be confirmed; the ledger's row follows (the
    /// old id is gone, the restored booking takes its place). False when Planner did not book it: the
    /// journal then stays where it is, for the next start's recovery to try again.
    static func restoreOld(_ entry: RebookingJournalEntry, person: UUID, context: OperationContext) async -> Bool {
        guard let offer = UUID(uuidString: entry.oldOfferId) else { return false }
        let ledger = context.ledger
        do {
            let restored = try await context.planner.makeBooking(PlannerMakeBookingRequest(
                personId: person, offerId: offer, startTime: entry.oldStart, isImmediateBooking: false))
            context.notes.add("the old time was booked again as \(restored.lowercasedText)")
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
            return true
        } catch {
            context.notes.add("booking the old time again failed too (\(error)): left to the recovery at the next start")
            return false
        }
    }
}
