/// STAR's codes by what they mean, and a factory for each: a rule raises `StarFault.timeNoLongerFree(…)`,
/// never a bare number, so a reviewer reads the rule and the code list in STAR's own words. The names
/// follow the English texts of star-errors.yaml; the constants serve the operations' code lists.
extension StarFault {
    // MARK: - Validation

    /// 1001: the body's CPR is not a CPR.
    public static let invalidCPR = 1001
    public static func invalidCPR(_ reason: String) -> StarFault { StarFault(invalidCPR, reason) }
    /// 1014: the message could not be validated.
    public static func notValid(_ reason: String) -> StarFault { StarFault(validationFailed, reason) }

    // MARK: - The citizen

    /// 1010: the CPR is unknown (Planner does not know the citizen).
    public static func cprUnknown(_ reason: String) -> StarFault { StarFault(unknownCPR, reason) }
    /// 4400: the citizen is unknown to STAR Foundation (the rebooking operations' "unknown CPR").
    public static let citizenUnknown = 4400
    /// 8111: the CPR could not be looked up (the self-booking operations' "unknown CPR").
    public static func cprLookupFailed(_ reason: String) -> StarFault { StarFault(unknownCPRLookup, reason) }

    // MARK: - Offers and times

    /// 4770: there are no available booking options.
    public static let noFreeTimes = 4770
    public static func noFreeTimes(_ reason: String) -> StarFault { StarFault(noFreeTimes, reason) }
    /// 4783: the booking time cannot be before today.
    public static let timeInThePast = 4783
    public static func timeInThePast(_ reason: String) -> StarFault { StarFault(timeInThePast, reason) }
    /// 4819: the booking start time is no longer available (self-booking).
    public static let timeNoLongerFree = 4819
    public static func timeNoLongerFree(_ reason: String) -> StarFault { StarFault(timeNoLongerFree, reason) }
    /// 4767: the booking has already been taken (rebooking's new time).
    public static let timeAlreadyTaken = 4767
    public static func timeAlreadyTaken(_ reason: String) -> StarFault { StarFault(timeAlreadyTaken, reason) }
    /// 8108: the interview option is not active or unknown.
    public static let offerNotActive = 8108
    public static func offerNotActive(_ reason: String) -> StarFault { StarFault(offerNotActive, reason) }
    /// 8109: the booking time is not within the interview option's allowed range of dates.
    public static let outsideOfferWindow = 8109
    public static func outsideOfferWindow(_ reason: String) -> StarFault { StarFault(outsideOfferWindow, reason) }
    /// 4708: the InterviewContactTypeIdentifier (samtaleform) is invalid for the offer.
    public static let samtaleformInvalid = 4708
    public static func samtaleformInvalid(_ reason: String) -> StarFault { StarFault(samtaleformInvalid, reason) }
    /// 4822: no caseworker with the given CVR-RID.
    public static let caseworkerUnknown = 4822
    public static func caseworkerUnknown(_ reason: String) -> StarFault { StarFault(caseworkerUnknown, reason) }
    /// 9003: the interview supervisor is not allowed for this interview option.
    public static let caseworkerNotAllowed = 9003
    public static func caseworkerNotAllowed(_ reason: String) -> StarFault { StarFault(caseworkerNotAllowed, reason) }

    /// 8273: the citizen already has a booking of type Jobsamtale.
    public static let alreadyHasJobsamtale = 8273
    /// 9220: the citizen already has a booking of type Opfølgningssamtale.
    public static let alreadyHasOpfoelgningssamtale = 9220

    /// 8288: the booking is later than the citizen's deadline (InterviewDeadline) of the same interview type.
    public static let laterThanDeadline = 8288
    public static func laterThanDeadline(_ reason: String) -> StarFault { StarFault(laterThanDeadline, reason) }

    // MARK: - Existing bookings

    /// 4768: the BookingIdentifier is unknown.
    public static let bookingUnknown = 4768
    public static func bookingUnknown(_ reason: String) -> StarFault { StarFault(bookingUnknown, reason) }
    /// 8107: the BookingIdentifier is another citizen's.
    public static let bookingOfAnotherCitizen = 8107
    public static func bookingOfAnotherCitizen(_ reason: String) -> StarFault { StarFault(bookingOfAnotherCitizen, reason) }
    /// 4650: the booking has started: it cannot be deleted.
    public static let bookingHasStarted = 4650
    public static func bookingHasStarted(_ reason: String) -> StarFault { StarFault(bookingHasStarted, reason) }
    /// 4812: the booking does not allow self-booking (rebooking by the citizen).
    public static let rebookingNotAllowed = 4812
    public static func rebookingNotAllowed(_ reason: String) -> StarFault { StarFault(rebookingNotAllowed, reason) }
    /// 4820: cancellation is not allowed, or its deadline has passed.
    public static let cancellationNotAllowed = 4820
    public static func cancellationNotAllowed(_ reason: String) -> StarFault { StarFault(cancellationNotAllowed, reason) }
    /// 9130: an immediate booking cannot be rebooked or cancelled by the citizen.
    public static let immediateBooking = 9130
    public static func immediateBooking(_ reason: String) -> StarFault { StarFault(immediateBooking, reason) }

    // MARK: - The offer's policy (digest §5)

    /// 8125 / 8127: a deadline is set although rebooking / cancelling is not possible.
    public static let rebookingDeadlineForbidden = 8125
    public static let cancellationDeadlineForbidden = 8127
    /// 8126 / 8128: rebooking / cancelling is possible but no deadline is set.
    public static let rebookingDeadlineRequired = 8126
    public static let cancellationDeadlineRequired = 8128
    /// 8132 / 8133: the rebooking / cancellation deadline would be before today.
    public static let rebookingDeadlineBeforeToday = 8132
    public static let cancellationDeadlineBeforeToday = 8133
    /// 8134 / 8136: the rebooking / cancellation deadline would be after the start.
    public static let rebookingDeadlineAfterStart = 8134
    public static let cancellationDeadlineAfterStart = 8136
    /// 8270: interview types 17 and 18 may not be rebookable.
    public static let rebookingForbiddenForInterviewType = 8270
    public static func rebookingForbiddenForInterviewType(_ reason: String) -> StarFault { StarFault(rebookingForbiddenForInterviewType, reason) }
    /// 8129: a meeting in person needs an address.
    public static let addressRequired = 8129
    public static func addressRequired(_ reason: String) -> StarFault { StarFault(addressRequired, reason) }
    /// 8131: the citizen is to phone in, so a phone number is required.
    public static let telephoneNumberRequired = 8131
    public static func telephoneNumberRequired(_ reason: String) -> StarFault { StarFault(telephoneNumberRequired, reason) }
    /// 8135: the meeting lasts more than a day.
    public static let longerThanADay = 8135
    public static func longerThanADay(_ reason: String) -> StarFault { StarFault(longerThanADay, reason) }

    // MARK: - The enrollment (StraksbookOgTilmeld)

    /// 4338: the enrollment date must be today or at most 10 days back.
    public static let enrollmentDateOutOfRange = 4338
    public static func enrollmentDateOutOfRange(_ reason: String) -> StarFault { StarFault(enrollmentDateOutOfRange, reason) }
    /// 4698: a parameter is negative.
    public static let negativeParameter = 4698
    public static func negativeParameter(_ reason: String) -> StarFault { StarFault(negativeParameter, reason) }
    /// 4710: YearLastUsed is invalid.
    public static let yearLastUsedInvalid = 4710
    public static func yearLastUsedInvalid(_ reason: String) -> StarFault { StarFault(yearLastUsedInvalid, reason) }

    // MARK: - Planner and the gateway

    /// 9303: unhandled trouble in the remote system (or the gateway's own, such as its ledger).
    public static func plannerServerError(_ reason: String) -> StarFault { StarFault(plannerServerError, reason) }
}
