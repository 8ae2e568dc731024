import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// CS – CreateSelvbooking (digest §4.4): book the chosen time.
///
/// Checks and Planner calls, in order:
/// 1. the time is not in the past → 4783;
/// 2. PersonByCpr → 8111; from here on, one call per citizen at a time;
/// 3. the ledger: the same citizen, offer and start already booked → that booking again (Jobnet retries);
///    a booking left `pending` by a gateway that died → GetBookings tells whether Planner made it;
/// 4. GetMicrositeCategories → 8108 when the offer is not among the citizen's bookable offers;
///    then, for a Jobsamtale or an Opfølgningssamtale, GetBookings: the citizen holds none of that type
///    already → 8273 / 9220 (`OneBookingPerType`);
/// 5. inside the offer's window (its `bookableDays`, its expiry) → 8109;
/// 6. the samtaleform is one the offer has → 4708;
/// 7. the caseworker is known (caseworkers.yaml) → 4822, and allowed by the offer → 9003;
/// 8. the offer's policy (BookingRules: 8125–8136, 8270, 8129, 8131, 8135), as it applies to this meeting:
///    a deadline that has already passed makes the meeting not rebookable (or not cancellable); and the
///    start not after the citizen's deadline (Frist) of the same interview type → 8288;
/// 9. BookingOptions: the time (and the caseworker) still free → 4819;
/// 10. with a caseworker: CreateBookingReservation → ConfirmBookingReservation (if the confirm fails,
///     CancelBooking on the reservation, then a Server fault); without: MakeBooking. A 409 is 4819.
///     GetBookings then names the holding caseworker when Planner chose one.
/// Planner trouble: 4769 / 9018 / 9303 / 9329.
enum CreateSelvbooking: GatewayOperation {
    static let operation = JobnetOperation.createSelvbooking
    static let starCodes = [
        StarFault.timeInThePast, StarFault.unknownCPRLookup, StarFault.offerNotActive, StarFault.alreadyHasJobsamtale,
        StarFault.alreadyHasOpfoelgningssamtale,
    ] + BookingChoice.starCodes + [StarFault.laterThanDeadline, StarFault.timeNoLongerFree]
        + PlannerError.starCodes

    static func handle(_ request: CreateSelvbookingRequest, _ context: OperationContext) async throws(StarFault) -> JobnetBookingDetails {
        // 1.
        try BookingRules.checkNotPast(request.start, now: context.now)
        // 2.
        let person = try await context.citizen(unknownCode: StarFault.unknownCPRLookup)
        return try await context.locks.withLock(person.personStatusId.uuidString) { () async throws(StarFault) in
            try await book(request, person: person, context, immediate: false)
        }
    }

    /// Steps 3 to 10, under the citizen's lock. StraksbookOgTilmeld books the same way, as immediate.
    static func book(
        _ request: CreateSelvbookingRequest, person: PlannerPerson, _ context: OperationContext, immediate: Bool,
        record: ((LedgerBooking) async throws -> Void)? = nil
    ) async throws(StarFault) -> JobnetBookingDetails {
        let key = Ledger.key(personId: person.personStatusId, offerId: request.offerId, start: request.start)
        // 4. (before 3, for the offer's description in a repeated answer as in a first one)
        let offer = try await context.bookableOffer(request.offerId, for: person)
        let mapping = BookingRules.effective(context.mappings.offer(offer.id), start: request.start, now: context.now, notes: context.notes)
        // 3.
        if let existing = try await context.ledgerCall({ try await context.ledger.booking(key: key) }) {
            if let answer = try await repeated(existing, offer: offer, mapping: mapping, person: person, context) { return answer }
        }
        // 3a. No second Jobsamtale (8273) or Opfølgningssamtale (9220): GetBookings, only for those types.
        let limit: OneBookingPerType = immediate ? .immediateBooking : .selfBooking
        if limit.covers(mapping.interviewTypeIdentifier) {
            try limit.check(mapping.interviewTypeIdentifier, held: try await context.currentBookings(of: person))
        }
        // 5. to 8.
        let choice = try BookingChoice(
            start: request.start, samtaleform: request.samtaleform, caseworker: request.caseworker, offer: offer, mapping: mapping,
            context: context)
        let resource = choice.resource
        // 8a. Not after the citizen's deadline of the same interview type (8288).
        try await context.checkWithinDeadline(request.start, of: person, mapping: mapping)
        // 9.
        guard try await context.freeOption(person: person, offer: offer, start: request.start, resources: Set(resource.map { [$0] } ?? []))
            != nil
        else {
            throw StarFault.timeNoLongerFree("BookingOptions no longer offers the time\(resource == nil ? "" : " with that caseworker")")
        }
        // 10.
        let now = context.now
        var entry = LedgerBooking(
            requestKey: key, plannerBookingId: nil, offerId: offer.id.lowercasedText,
            personId: person.personStatusId.lowercasedText, start: request.start,
            end: request.start.addingTimeInterval(Double(mapping.durationMinutes) * 60), resourceId: resource,
            samtaleform: request.samtaleform, origin: immediate ? .immediate : .selfBooked, state: .pending, createdAt: now, updatedAt: now)
        let pending = entry
        guard try await context.ledgerCall({ try await context.ledger.insertPending(pending) }) else {
            // Only without the citizen's lock (it serialises such calls): the retry finds the booking.
            throw StarFault.plannerServerError("another call is making the same booking: the ledger holds its row")
        }
        let bookingId: UUID
        do {
            bookingId = try await makeBooking(offer: offer.id, person: person, start: request.start, resource: resource,
                immediate: immediate, context)
        } catch {
            // A definite refusal: nothing was booked, the row goes. An answer lost on the way: Planner may
            // have booked, so the pending row stays and Jobnet's retry finds the booking in GetBookings
            // (`repeated`) rather than book a second or be told 8273 about its own booking.
            if error.mayHaveBooked {
                context.notes.add("Planner may have made the booking: the pending row stays for a repeated request to settle")
            } else {
                try? await context.ledger.removeBooking(key: key)
            }
            throw error.fault
        }
        // Who holds it, when Planner chose.
        var displayName: String?
        if resource == nil {
            let bookings = try? await context.planner.bookings(personStatusId: person.personStatusId)
            displayName = bookings?.first { $0.id == bookingId }?.resourceDisplayName
        }
        entry.plannerBookingId = bookingId.lowercasedText
        entry.state = .booked
        entry.updatedAt = context.now
        do {
            let recorded = entry
            if let record {
                try await context.ledgerCall { try await record(recorded) }
            } else {
                try await context.ledgerCall { try await context.ledger.save(recorded) }
            }
        } catch {
            // Never a booking Jobnet is not told of: undo it in Planner before answering the fault.
            try? await context.planner.cancelBooking(bookingId: bookingId, personStatusId: person.personStatusId)
            context.notes.add("the ledger could not record booking \(entry.plannerBookingId!): cancelled in Planner")
            throw error
        }
        context.notes.add("booked \(entry.plannerBookingId!) \(resource == nil ? "by MakeBooking" : "by reservation and confirmation")")
        return context.details(BookingFacts(
            bookingId: bookingId, start: request.start, end: entry.end, offer: offer, mapping: mapping,
            holder: context.holder(resource: resource, displayName: displayName), samtaleform: request.samtaleform,
            immediate: immediate, selfBooked: true, awaitingAcceptance: false, title: offer.title,
            description: offer.description.isEmpty ? nil : offer.description, showCaseWorkerName: offer.showCaseWorkerName))
    }

    /// A request the ledger has seen: the booking it made, or (after a crash) what Planner holds.
    static func repeated(
        _ existing: LedgerBooking, offer: PlannerCategoryOffer, mapping: OfferMapping, person: PlannerPerson, _ context: OperationContext
    ) async throws(StarFault) -> JobnetBookingDetails? {
        var booking = existing
        if booking.state == .pending {
            // Planner may have made it before the gateway could record it.
            let held = try await context.calls.bookings(of: person)
            guard let found = held.first(where: {
                abs($0.startTime.timeIntervalSince(booking.start)) < 1
                    && ![.rejected, .cancelled, .readyForCitizenConfirmation].contains($0.status)
            }) else {
                try await context.ledgerCall { try await context.ledger.removeBooking(key: booking.requestKey) }
                context.notes.add("a pending booking was not made in Planner: booking anew")
                return nil
            }
            booking.plannerBookingId = found.id.lowercasedText
            booking.state = .booked
            booking.updatedAt = context.now
            let recorded = booking
            try await context.ledgerCall { try await context.ledger.save(recorded) }
            context.notes.add("a pending booking was found in Planner: \(found.id.lowercasedText) recorded")
        }
        guard booking.state == .booked, let id = booking.plannerBookingId.flatMap(UUID.init(uuidString:)) else { return nil }
        // The policy as it applied when the booking was made.
        let mapping = BookingRules.effective(context.mappings.offer(offer.id), start: booking.start, now: booking.createdAt)
        context.notes.add("repeated request: booking \(id.lowercasedText) returned, nothing booked")
        return context.details(BookingFacts(
            bookingId: id, start: booking.start, end: booking.end, offer: offer, mapping: mapping,
            holder: context.holder(resource: booking.resourceId, displayName: nil), samtaleform: booking.samtaleform,
            immediate: booking.origin == .immediate, selfBooked: true, awaitingAcceptance: false, title: offer.title,
            description: offer.description.isEmpty ? nil : offer.description, showCaseWorkerName: offer.showCaseWorkerName))
    }

    /// Step 10's Planner calls. Nothing half-made stays in Planner: a reservation whose confirmation
    /// fails is cancelled before the fault is answered.
    static func makeBooking(offer: UUID, person: PlannerPerson, start: Date, resource: String?, immediate: Bool,
                            _ context: OperationContext) async throws(MakeBookingFailure) -> UUID
    {
        func conflictIsTimeNoLongerFree(_ error: PlannerError) -> StarFault {
            if case .conflict = error { return StarFault.timeNoLongerFree("Planner answered 409: the time was taken meanwhile") }
            return error.starFault
        }
        guard let resource, let resourceId = UUID(uuidString: resource) else {
            do {
                return try await context.planner.makeBooking(PlannerMakeBookingRequest(
                    personId: person.personStatusId, offerId: offer, startTime: start, isImmediateBooking: immediate))
            } catch {
                throw MakeBookingFailure(fault: conflictIsTimeNoLongerFree(error), mayHaveBooked: error.writeMayHaveHappened)
            }
        }
        let reservation: UUID
        do {
            reservation = try await context.planner.createBookingReservation(PlannerReservationRequest(
                offerId: offer, startDateTime: start, resourceId: resourceId, personId: person.personStatusId))
        } catch {
            // A reservation made unseen is not a booking: it lapses unconfirmed.
            throw MakeBookingFailure(fault: conflictIsTimeNoLongerFree(error), mayHaveBooked: false)
        }
        do {
            try await context.planner.confirmBookingReservation(bookingId: reservation, personStatusId: person.personStatusId)
            return reservation
        } catch {
            var confirmedUnseen = error.writeMayHaveHappened
            do {
                try await context.planner.cancelBooking(bookingId: reservation, personStatusId: person.personStatusId)
                context.notes.add("confirmation failed: reservation \(reservation.lowercasedText) cancelled")
                confirmedUnseen = false
            } catch let cancelError {
                context.notes.add("confirmation failed and cancelling reservation \(reservation.lowercasedText) failed too (\(cancelError)); it lapses in Planner unless the confirmation went through")
            }
            let fault = error.starFault
            throw MakeBookingFailure(
                fault: StarFault(fault.code, "ConfirmBookingReservation failed: \(fault.reason)"), mayHaveBooked: confirmedUnseen)
        }
    }

    /// Step 10 failed: the fault for Jobnet, and whether Planner may hold the booking all the same.
    struct MakeBookingFailure: Error {
        let fault: StarFault
        let mayHaveBooked: Bool
    }
}

extension JobnetOperation {
    public static let createSelvbooking = JobnetOperation("CreateSelvbooking", urlIdentifier: .moedetilbudId)
}
