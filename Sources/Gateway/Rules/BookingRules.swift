import CopenhagenTime
import Foundation
import Jobnet

/// The business rules of digest §5 that depend on the offer's policy, checked against the mapping
/// before a booking is made (each code raised here, once).
enum BookingRules {
    /// 4783: a meeting cannot start in the past (the one place this rule is raised).
    static func checkNotPast(_ start: Date, now: Date) throws(StarFault) {
        guard start > now else { throw StarFault.timeInThePast("MoedeStarttidspunkt is in the past") }
    }

    static let starCodes = [
        StarFault.rebookingDeadlineForbidden, StarFault.rebookingDeadlineRequired, StarFault.cancellationDeadlineForbidden,
        StarFault.cancellationDeadlineRequired, StarFault.rebookingDeadlineBeforeToday, StarFault.cancellationDeadlineBeforeToday,
        StarFault.rebookingDeadlineAfterStart, StarFault.cancellationDeadlineAfterStart, StarFault.rebookingForbiddenForInterviewType,
        StarFault.addressRequired, StarFault.telephoneNumberRequired, StarFault.longerThanADay,
    ]

    static func check(_ mapping: OfferMapping, start: Date, samtaleformName: String?, codeLists: CodeLists, now: Date)
        throws(StarFault)
    {
        let today = CopenhagenTime.startOfDay(now)
        // Deadlines: required when possible, forbidden when not, not before today, not after the start.
        try deadline(
            mapping.rebooking, start: start, today: today, forbidden: StarFault.rebookingDeadlineForbidden,
            required: StarFault.rebookingDeadlineRequired, beforeToday: StarFault.rebookingDeadlineBeforeToday,
            afterStart: StarFault.rebookingDeadlineAfterStart)
        try deadline(
            mapping.cancellation, start: start, today: today, forbidden: StarFault.cancellationDeadlineForbidden,
            required: StarFault.cancellationDeadlineRequired, beforeToday: StarFault.cancellationDeadlineBeforeToday,
            afterStart: StarFault.cancellationDeadlineAfterStart)
        if [17, 18].contains(mapping.interviewTypeIdentifier) && mapping.rebooking.possible {
            throw StarFault.rebookingForbiddenForInterviewType("interview type \(mapping.interviewTypeIdentifier) may not be rebookable")
        }
        if let samtaleformName, codeLists.personalAttendance.contains(samtaleformName), mapping.location?.address == nil {
            throw StarFault.addressRequired("a meeting in person needs an address: the offer's mapping has none")
        }
        if mapping.citizenCalls && (mapping.telephoneNumber ?? "").isEmpty {
            throw StarFault.telephoneNumberRequired("the citizen is to phone in: the offer's mapping has no telephoneNumber")
        }
        if mapping.durationMinutes > 24 * 60 {
            throw StarFault.longerThanADay("the offer's duration is more than a day")
        }
    }

    private static func deadline(
        _ policy: OfferMapping.Policy, start: Date, today: Date, forbidden: Int, required: Int, beforeToday: Int, afterStart: Int
    ) throws(StarFault) {
        switch (policy.possible, policy.deadlineHours) {
        case (false, nil): return
        case (false, .some): throw StarFault(forbidden, "a deadline is set though the policy says impossible")
        case (true, nil): throw StarFault(required, "the policy says possible but sets no deadline")
        case (true, let hours?):
            let deadline = start.addingTimeInterval(-Double(hours) * 3600)
            if deadline < today { throw StarFault(beforeToday, "the deadline (\(hours) h before the start) would be before today") }
            if deadline > start { throw StarFault(afterStart, "the deadline would be after the start") }
        }
    }

    /// The policy as it applies to a meeting at `start` booked at `now`: when the deadline has already
    /// passed, the citizen can no longer rebook (or cancel) it, so the booking says so and carries no
    /// deadline. That keeps every deadline the gateway writes valid (never before today: 8132/8133)
    /// instead of refusing a time BookingOptions offered.
    static func effective(_ policy: OfferMapping.Policy, start: Date, now: Date) -> OfferMapping.Policy {
        guard policy.possible, let hours = policy.deadlineHours, start.addingTimeInterval(-Double(hours) * 3600) < now else {
            return policy
        }
        return OfferMapping.Policy(possible: false, deadlineHours: nil)
    }

    /// The mapping with both policies as they apply to this meeting; the mapping log notes a change.
    static func effective(_ mapping: OfferMapping, start: Date, now: Date, notes: MappingNotes? = nil) -> OfferMapping {
        var result = mapping
        result.rebooking = effective(mapping.rebooking, start: start, now: now)
        result.cancellation = effective(mapping.cancellation, start: start, now: now)
        if result.rebooking != mapping.rebooking { notes?.add("the rebooking deadline has passed at booking: not rebookable") }
        if result.cancellation != mapping.cancellation { notes?.add("the cancellation deadline has passed at booking: not cancellable") }
        return result
    }

    /// The deadline Jobnet is told, if the policy allows the action.
    static func deadline(_ policy: OfferMapping.Policy, start: Date) -> Date? {
        guard policy.possible, let hours = policy.deadlineHours else { return nil }
        return start.addingTimeInterval(-Double(hours) * 3600)
    }
}
