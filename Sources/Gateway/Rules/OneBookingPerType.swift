import Jobnet

/// STAR's rule (digest §5, [S][IND24]): a citizen may not hold two bookings of type Jobsamtale (7,
/// 8273) or of type Opfølgningssamtale (4, 9220). STAR names these two types only, so no other type is
/// limited; an offer the mappings give another InterviewTypeIdentifier is another type.
///
/// "Holds" means a current booking: GetBookings joined with the ledger, without Afvist (2) and Aflyst
/// (3) (`OperationContext.currentBookings`); a booking awaiting the citizen's acceptance counts, since
/// the jobcenter has convened it.
struct OneBookingPerType {
    /// Interview type → the code answered when the citizen already holds one, as the operation's STAR
    /// list has it: CreateSelvbooking both, StraksbookOgTilmeld 8273 only.
    var codes: [Int: Int]

    static let selfBooking = OneBookingPerType(codes: [7: StarFault.alreadyHasJobsamtale, 4: StarFault.alreadyHasOpfoelgningssamtale])
    static let immediateBooking = OneBookingPerType(codes: [7: StarFault.alreadyHasJobsamtale])

    /// Whether a booking of `interviewType` is limited at all (only then are the citizen's bookings read).
    func covers(_ interviewType: Int) -> Bool { codes[interviewType] != nil }

    /// Refuses a new booking of `interviewType` when the citizen already holds one of that type.
    func check(_ interviewType: Int, held: [CitizenBooking]) throws(StarFault) {
        guard let code = codes[interviewType],
            let existing = held.first(where: { $0.mapping.interviewTypeIdentifier == interviewType })
        else { return }
        throw StarFault(code, "the citizen already holds booking \(existing.planner.id.lowercasedText) of interview type \(interviewType)")
    }
}
