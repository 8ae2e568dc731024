import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// SO – StraksbookOgTilmeld (digest §4.13): enrol the citizen as unemployed and book an immediate
/// meeting, together or not at all.
///
/// The gateway is not STAR's enrollment system: it validates the enrollment as STAR documents, records
/// it in the ledger beside the booking (one transaction), and answers with a receipt.
///
/// Checks and Planner calls, in order:
/// 1. the body's CPR has STAR's pattern → 1001; a header CPR, if sent, agrees with it → 1014;
/// 2. the enrollment date is today or at most 10 days back → 4338;
/// 3. no negative number (category, status, a profession's year or months) → 4698;
/// 4. every profession's YearLastUsed lies between 1900 and this year → 4710;
/// 5. PersonByCpr → 1010 when Planner does not know the citizen;
/// 6. the offer's entry in offers.yaml allows immediate booking → 8108 otherwise (an offer without an
///    entry is booked as Planner allows: the mappings say nothing against it);
/// 7. the booking as CreateSelvbooking books it (4783, 8108, no second Jobsamtale 8273, 8109, 4708,
///    4822, 9003, the policy rules, 4819), with IsImmediateBooking; the booking and the enrollment are written in one transaction,
///    and a booking the ledger cannot record is cancelled in Planner.
/// Planner trouble: 4769 / 9018 / 9303 / 9329.
enum StraksbookOgTilmeld: GatewayOperation {
    static let operation = JobnetOperation.straksbookOgTilmeld
    static let starCodes = [
        StarFault.invalidCPR, StarFault.enrollmentDateOutOfRange, StarFault.negativeParameter,
        StarFault.yearLastUsedInvalid, StarFault.unknownCPR, StarFault.offerNotActive,
    ] + CreateSelvbooking.starCodes
        // Its citizen is unknown as 1010, not 8111; STAR limits its booking to one Jobsamtale (8273), not 9220.
        .filter { $0 != StarFault.unknownCPRLookup && $0 != StarFault.alreadyHasOpfoelgningssamtale }

    /// Only what the gateway did: it recorded the enrollment (for the jobcenter to pass on to STAR,
    /// `jobnet-gateway enrollments`) and booked the meeting. It did not enrol the citizen with STAR.
    static let receiptText = "Tilmeldingen er modtaget og gemt af jobcentret, som videregiver den; mødet er booket."

    static func handle(_ request: StraksbookOgTilmeldRequest, _ context: OperationContext) async throws(StarFault)
        -> StraksbookOgTilmeldResult
    {
        // 1.
        guard let cpr = CPR(request.cprText) else {
            throw StarFault.invalidCPR("the body's PersonCivilRegistrationIdentifier is not a CPR")
        }
        if let header = context.cpr, header != cpr {
            throw StarFault.notValid("the header's CPR and the body's CPR disagree")
        }
        var context = context
        context.cpr = cpr
        // 2.
        let today = CopenhagenTime.startOfDay(context.now)
        let enrolledOn = CopenhagenTime.startOfDay(request.enrollmentDate)
        guard enrolledOn <= today, enrolledOn >= CopenhagenTime.adding(days: -10, to: today) else {
            throw StarFault.enrollmentDateOutOfRange("EnrollmentDate is not today or within the last 10 days")
        }
        // 3.
        let numbers = [request.clientCategory, request.unemploymentStatus]
            + request.professions.flatMap { [$0.yearLastUsed, $0.experienceMonths] }
        guard numbers.allSatisfy({ $0 >= 0 }) else { throw StarFault.negativeParameter("a number in the enrollment is negative") }
        // 4.
        let year = Calendar(identifier: .gregorian).dateComponents(in: CopenhagenTime.timeZone, from: context.now).year!
        guard request.professions.allSatisfy({ (1900...year).contains($0.yearLastUsed) }) else {
            throw StarFault.yearLastUsedInvalid("a profession's YearLastUsed is not a year between 1900 and \(year)")
        }
        // 5.
        let person = try await context.citizen(unknownCode: StarFault.unknownCPR)
        // 6.
        let offerMapping = context.mappings.offer(request.booking.offerId)
        if offerMapping.source == .defaults {
            // No entry, no word either way: Planner is the judge of what it books (IsImmediateBooking).
            context.notes.add("offer \(request.booking.offerId.lowercasedText) has no entry in offers.yaml: booked immediately as Planner allows")
        } else if !offerMapping.immediate {
            throw StarFault.offerNotActive("the offer's entry in offers.yaml is not immediate")
        }
        // 7.
        let booking = request.booking
        try BookingRules.checkNotPast(booking.start, now: context.now)
        let receipt = UUID().lowercasedText
        let professions = String(decoding: (try? JSONEncoder().encode(request.professions)) ?? Data("[]".utf8), as: UTF8.self)
        let ledger = context.ledger
        let now = context.now
        @Sendable func enrollment(_ key: String, receipt: String) -> LedgerEnrollment {
            LedgerEnrollment(
                receiptId: receipt, personId: person.personStatusId.lowercasedText, enrollmentDate: request.enrollmentDate,
                clientCategory: request.clientCategory, unemploymentStatus: request.unemploymentStatus, professions: professions,
                bookingKey: key, createdAt: now)
        }
        let bookingContext = context
        return try await context.locks.withLock(person.personStatusId.uuidString) { () async throws(StarFault) in
            let details = try await CreateSelvbooking.book(booking, person: person, bookingContext, immediate: true) { entry in
                try await ledger.save(entry, enrollment: enrollment(entry.requestKey, receipt: receipt))
            }
            // A repeated request gets the receipt of the enrollment already recorded.
            let key = Ledger.key(personId: person.personStatusId, offerId: booking.offerId, start: booking.start)
            var recorded = try await bookingContext.ledgerCall { try await ledger.enrollment(bookingKey: key) }
            if recorded == nil {
                let missing = enrollment(key, receipt: receipt)
                try await bookingContext.ledgerCall { try await ledger.save(missing) }
                recorded = missing
            }
            return StraksbookOgTilmeldResult(
                receiptTime: recorded!.createdAt, receiptId: recorded!.receiptId, receiptText: receiptText, booking: details)
        }
    }
}

extension JobnetOperation {
    public static let straksbookOgTilmeld = JobnetOperation("StraksbookOgTilmeld")
}
