import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// The citizen's bookings as Planner and the ledger know them, and a booking as Jobnet is told of it.
extension OperationContext {
    /// GetBookings, GetMicrositeCategories and the ledger, joined: the citizen's current bookings
    /// (Afvist and Aflyst are not current). A booking the ledger does not know is matched to an offer by
    /// title, or served with the defaults, and recorded as `learned` so its owner is known from then on.
    func currentBookings(of person: PlannerPerson) async throws(StarFault) -> [CitizenBooking] {
        let held = try await calls.bookings(of: person)
        let current = held.filter { ![.rejected, .cancelled].contains($0.status) }
        guard !current.isEmpty else { return [] }
        let offers = try await bookableOffers(for: person)
        var result: [CitizenBooking] = []
        var inFlight: [Date]?
        for booking in current {
            let id = booking.id.lowercasedText
            var row = try await ledgerCall { try await ledger.booking(plannerBookingId: id) }
            var offer: PlannerCategoryOffer?
            if let row, let offerId = UUID(uuidString: row.offerId) {
                offer = offers.first { $0.id == offerId }
                if offer == nil { notes.add("booking \(id): its offer is no longer on the microsite") }
            } else if let byTitle = offers.first(where: { $0.title == booking.title }) {
                offer = byTitle
                notes.add("booking \(id) matched to offer \(byTitle.id.lowercasedText) by title")
            } else {
                notes.add("booking \(id) matched to no offer: served with the defaults")
            }
            if row == nil {
                // A booking another call of this citizen is making right now (its row pending, or a
                // rebooking's journal unfinished) is that call's to record: recording it as learned here
                // would clash with that call's row and mark the citizen's own booking as convened.
                if inFlight == nil { inFlight = try await startsInFlight(of: person) }
                if inFlight?.contains(where: { abs($0.timeIntervalSince(booking.startTime)) < 1 }) == true {
                    notes.add("booking \(id) is being made by another call: not recorded here")
                    result.append(CitizenBooking(planner: booking, ledger: nil, offer: offer,
                        mapping: offer.map { mappings.offer($0.id) } ?? mappings.defaults))
                    continue
                }
                let learned = LedgerBooking(
                    requestKey: "learned|\(id)", plannerBookingId: id, offerId: offer?.id.lowercasedText ?? "",
                    personId: person.personStatusId.lowercasedText, start: booking.startTime, end: booking.endTime,
                    resourceId: nil, samtaleform: nil, origin: .learned, state: .booked, createdAt: now, updatedAt: now)
                try await ledgerCall { try await ledger.save(learned) }
                row = learned
            }
            var mapping = offer.map { mappings.offer($0.id) }
                ?? (row.flatMap { UUID(uuidString: $0.offerId) }.map { mappings.offer($0) } ?? mappings.defaults)
            // A meeting the citizen did not book through the gateway: what the offer's `convened` allows.
            if row?.origin == .learned {
                mapping = mapping.forConvenedMeeting
                if mapping.convened == nil { notes.add("booking \(id) was convened, not self-booked: neither rebookable nor cancellable") }
            }
            result.append(CitizenBooking(planner: booking, ledger: row, offer: offer, mapping: mapping))
        }
        return result
    }

    /// The starts of the bookings the gateway is in the middle of making for this citizen.
    private func startsInFlight(of person: PlannerPerson) async throws(StarFault) -> [Date] {
        let personId = person.personStatusId.lowercasedText
        let pending = try await ledgerCall { try await ledger.bookings(personId: person.personStatusId) }
            .filter { $0.state == .pending }.map(\.start)
        let rebooking = try await ledgerCall { try await ledger.unfinishedRebookings() }
            .filter { $0.personId == personId }.map(\.newStart)
        return pending + rebooking
    }

    /// The citizen's booking with this id: 8107 when the ledger knows it belongs to someone else, 4768
    /// when neither Planner (for this citizen) nor the ledger knows it.
    func citizenBooking(_ id: UUID, of person: PlannerPerson) async throws(StarFault) -> CitizenBooking {
        let key = id.lowercasedText
        if let row = try await ledgerCall({ try await ledger.booking(plannerBookingId: key) }),
            row.personId != person.personStatusId.lowercasedText
        {
            throw StarFault.bookingOfAnotherCitizen("the ledger records booking \(key) for another citizen")
        }
        guard let booking = try await currentBookings(of: person).first(where: { $0.planner.id == id }) else {
            throw StarFault.bookingUnknown("booking \(key) is not among the citizen's current bookings")
        }
        return booking
    }

    /// The booking as Jobnet sees it.
    func details(_ booking: CitizenBooking) -> JobnetBookingDetails {
        let mapping = BookingRules.effective(booking.mapping, start: booking.planner.startTime, now: booking.ledger?.createdAt ?? now)
        return details(BookingFacts(
            bookingId: booking.planner.id, start: booking.planner.startTime, end: booking.planner.endTime, offer: booking.offer,
            mapping: mapping, holder: holder(resource: booking.ledger?.resourceId, displayName: booking.planner.resourceDisplayName),
            samtaleform: booking.ledger?.samtaleform, immediate: booking.immediate, selfBooked: booking.selfBooked,
            awaitingAcceptance: booking.planner.status == .readyForCitizenConfirmation, title: booking.planner.title,
            description: booking.planner.description.isEmpty ? nil : booking.planner.description,
            showCaseWorkerName: booking.planner.showCaseWorkerName))
    }

    func details(_ facts: BookingFacts) -> JobnetBookingDetails {
        let codeLists = mappings.codeLists
        let mapping = facts.mapping
        let contactType = facts.samtaleform ?? mapping.samtaleformer.compactMap { codeLists.samtaleformer[$0] }.first ?? 0
        let phone = mapping.telephoneNumber.flatMap { $0.isEmpty ? nil : $0 }
        return JobnetBookingDetails(
            indkaldelseId: facts.bookingId.lowercasedText,
            organisationCode: codeLists.bookingOriginatorOrganisationCode,
            organisationTypeIdentifier: codeLists.bookingOriginatorOrganisationType,
            citizenShouldAcceptBooking: facts.awaitingAcceptance, acceptedBooking: !facts.awaitingAcceptance,
            reBookingPossible: mapping.rebooking.possible && !facts.immediate,
            reBookingDeadline: facts.immediate ? nil : BookingRules.deadline(mapping.rebooking, start: facts.start),
            cancellationPossible: mapping.cancellation.possible && !facts.immediate,
            cancellationDeadline: facts.immediate ? nil : BookingRules.deadline(mapping.cancellation, start: facts.start),
            selfBooked: facts.selfBooked, compulsoryAttendance: mapping.compulsoryAttendance,
            bookingStartTime: facts.start,
            bookingEndTime: facts.end ?? facts.start.addingTimeInterval(Double(mapping.durationMinutes) * 60),
            interviewTypeIdentifier: mapping.interviewTypeIdentifier,
            interviewFormTypeIdentifier: mapping.joint ? codeLists.moedeGruppeJoint : codeLists.moedeGruppeIndividual,
            meetingTitle: facts.title, meetingDescription: facts.description, immediateBooking: facts.immediate,
            interviewSupervisor: facts.holder, location: mapping.location,
            telephoneNumber: phone, citizenMustCall: mapping.citizenCalls ? true : nil,
            interviewContactTypeIdentifier: contactType, showCaseWorkerName: facts.showCaseWorkerName)
    }
}
