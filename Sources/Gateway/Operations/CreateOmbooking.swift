import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// OB – CreateOmbooking (digest §4.5): move a booking to a new time, atomically. The rebooking also
/// counts as acceptance: the new booking is confirmed, never left awaiting acceptance.
///
/// Checks and Planner calls, in order:
/// 1. the new time is not in the past → 4783;
/// 2. PersonByCpr → 4400; from here on, one call per citizen at a time;
/// 3. the booking is the citizen's (GetBookings, GetMicrositeCategories, the ledger) → 8107, 4768;
/// 4. not an immediate booking → 9130; its offer allows rebooking and the deadline has not passed → 4812;
/// 5. the new time inside the offer's window → 8109; the samtaleform → 4708; the caseworker known → 4822 and allowed → 9003; the policy for the new time
///    (BookingRules); not after the citizen's deadline of the same interview type → 8288; BookingOptions
///    still offers the new time → 4767;
/// 6. the rebooking, each step journaled in the ledger before it is taken (`Rebooking`):
///    CreateBookingReservation (new) → CancelBooking (old) → ConfirmBookingReservation (new); a new time
///    Planner names no resource for: CancelBooking (old) → MakeBooking (new).
/// Planner trouble: 4769 / 9018 / 9303 / 9329.
enum CreateOmbooking: GatewayOperation {
    static let operation = JobnetOperation.createOmbooking
    static let starCodes = [
        StarFault.timeInThePast, StarFault.citizenUnknown, StarFault.bookingOfAnotherCitizen, StarFault.bookingUnknown,
        StarFault.immediateBooking, StarFault.rebookingNotAllowed,
    ] + BookingChoice.starCodes + [StarFault.laterThanDeadline, StarFault.timeAlreadyTaken]
        + PlannerError.starCodes

    static func handle(_ request: CreateOmbookingRequest, _ context: OperationContext) async throws(StarFault) -> JobnetBookingDetails {
        try BookingRules.checkNotPast(request.start, now: context.now)
        let person = try await context.citizen(unknownCode: StarFault.citizenUnknown)
        return try await context.locks.withLock(person.personStatusId.uuidString) { () async throws(StarFault) in
            let booking = try await context.citizenBooking(request.bookingId, of: person)
            guard !booking.immediate else { throw StarFault.immediateBooking("an immediate booking cannot be rebooked by the citizen") }
            let policy = BookingRules.effective(booking.mapping, start: booking.planner.startTime, now: booking.ledger?.createdAt ?? context.now)
            guard policy.rebooking.possible,
                let deadline = BookingRules.deadline(policy.rebooking, start: booking.planner.startTime), deadline > context.now,
                let offer = booking.offer
            else {
                throw StarFault.rebookingNotAllowed("the booking cannot be rebooked by the citizen (offer policy, deadline, or offer gone)")
            }
            let mapping = BookingRules.effective(booking.mapping, start: request.start, now: context.now, notes: context.notes)
            let choice = try BookingChoice(
                start: request.start, samtaleform: request.samtaleform, caseworker: request.caseworker, offer: offer,
                mapping: mapping, context: context)
            let resource = choice.resource
            try await context.checkWithinDeadline(request.start, of: person, mapping: mapping)
            let allowed = resource.map { Set([$0]) } ?? Set(mapping.caseworkers)
            guard let option = try await context.freeOption(
                person: person, offer: offer, start: request.start, resources: allowed)
            else {
                throw StarFault.timeAlreadyTaken("BookingOptions no longer offers the new time")
            }
            // The chosen caseworker, else one Planner offers; none when Planner names none (a joint meeting by TaskId).
            let chosen = resource ?? option.resourceIds.map(\.lowercasedText).first { allowed.isEmpty || allowed.contains($0) }
            let newId = try await Rebooking(context: context, person: person).run(
                old: booking, offer: offer, start: request.start, resource: chosen, samtaleform: request.samtaleform)
            return context.details(BookingFacts(
                bookingId: newId, start: request.start, end: request.start.addingTimeInterval(Double(mapping.durationMinutes) * 60),
                offer: offer, mapping: mapping, holder: context.holder(resource: chosen, displayName: nil),
                samtaleform: request.samtaleform, immediate: false, selfBooked: booking.selfBooked, awaitingAcceptance: false,
                title: offer.title, description: offer.description.isEmpty ? nil : offer.description,
                showCaseWorkerName: offer.showCaseWorkerName))
        }
    }
}

extension JobnetOperation {
    public static let createOmbooking = JobnetOperation("CreateOmbooking", urlIdentifier: .indkaldelseId)
}
