import Foundation
import Jobnet
import Planner

/// DB – DeleteBooking (digest §4.6): the citizen cancels a meeting.
///
/// Checks and Planner calls, in order:
/// 1. PersonByCpr → 4768 when Planner does not know the citizen (they hold no booking);
/// 2. the booking is the citizen's: 8107 (the ledger knows another owner), 4768 (unknown). A booking the
///    ledger records as cancelled by the gateway is answered as cancelled again: success, no Planner call;
/// 3. it has not started → 4650;
/// 4. it is not an immediate booking → 9130;
/// 5. its offer allows cancellation and the deadline has not passed → 4820;
/// 6. CancelBooking; the ledger records it.
/// Planner trouble: 4769 / 9018 / 9303 / 9329.
enum DeleteBooking: GatewayOperation {
    static let operation = JobnetOperation.deleteBooking
    static let starCodes = [
        StarFault.bookingUnknown, StarFault.bookingOfAnotherCitizen, StarFault.bookingHasStarted,
        StarFault.immediateBooking, StarFault.cancellationNotAllowed,
    ] + PlannerError.starCodes

    static func handle(_ request: IndkaldelseRequest, _ context: OperationContext) async throws(StarFault) -> EmptyAnswer {
        let bookingId = request.bookingId
        let person = try await context.citizen(unknownCode: StarFault.bookingUnknown)
        try await context.locks.withLock(person.personStatusId.uuidString) { () async throws(StarFault) in
            let key = bookingId.lowercasedText
            if let row = try await context.ledgerCall({ try await context.ledger.booking(plannerBookingId: key) }),
                row.personId == person.personStatusId.lowercasedText, row.state == .cancelled
            {
                context.notes.add("already cancelled by the gateway: answered as cancelled")
                return
            }
            let booking = try await context.citizenBooking(bookingId, of: person)
            guard booking.planner.startTime > context.now else {
                throw StarFault.bookingHasStarted("the meeting has started")
            }
            guard !booking.immediate else { throw StarFault.immediateBooking("an immediate booking cannot be cancelled by the citizen") }
            let policy = BookingRules.effective(booking.mapping, start: booking.planner.startTime, now: booking.ledger?.createdAt ?? context.now)
            guard policy.cancellation.possible,
                let deadline = BookingRules.deadline(policy.cancellation, start: booking.planner.startTime), deadline > context.now
            else {
                throw StarFault.cancellationNotAllowed("cancellation is not possible for this meeting, or its deadline has passed")
            }
            try await context.calls.cancel(bookingId, of: person)
            if var row = booking.ledger {
                row.state = .cancelled
                row.updatedAt = context.now
                let cancelled = row
                try await context.ledgerCall { try await context.ledger.save(cancelled) }
            }
        }
        return EmptyAnswer()
    }
}

extension JobnetOperation {
    public static let deleteBooking = JobnetOperation("DeleteBooking", urlIdentifier: .indkaldelseId)
}
