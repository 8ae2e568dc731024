import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// A citizen's deadlines (Frister), one per interview type, as dates that do not move.
///
/// A deadline is fixed the first time GetBorgerstatus shows it, from the `deadline` an offer's mapping carries (book within N
/// days, hold within M days, counted from that day), and kept in the ledger by Planner's person id.
/// From then on it is that date, whatever day it is asked on. GetBorgerstatus shows it until a current
/// booking of its type, starting by its last day, meets it, or its last day has passed; a passed deadline
/// stays passed and no longer binds bookings (8288).
extension OperationContext {
    /// The citizen's deadline for `interviewType`: the one fixed before, else `definition` counted from
    /// today, fixed now; nil when none is fixed and none is defined.
    func deadline(of person: PlannerPerson, interviewType: Int, definition: OfferMapping.Deadline?) async throws(StarFault)
        -> CitizenDeadline?
    {
        let personId = person.personStatusId.lowercasedText
        guard let definition else {
            return try await ledgerCall { try await ledger.deadline(personId: personId, interviewType: interviewType) }
        }
        let today = CopenhagenTime.startOfDay(now)
        let proposed = CitizenDeadline(
            personId: personId, interviewType: interviewType, status: definition.status,
            bookBy: CopenhagenTime.adding(days: definition.bookWithinDays, to: today),
            holdBy: CopenhagenTime.adding(days: definition.holdWithinDays, to: today), fixedAt: now)
        let fixed = try await ledgerCall { try await ledger.fixDeadline(proposed) }
        if fixed == proposed { notes.add("deadline for interview type \(interviewType) fixed: hold by \(CopenhagenTime.day(fixed.holdBy))") }
        return fixed
    }

    /// STAR 8288: a meeting may not start after the last day of the citizen's deadline of its type.
    ///
    /// Only a deadline the citizen has been shown (fixed by GetBorgerstatus) and that is still open
    /// counts: a booking never fixes one from its own offer (STAR's 8288 is about the deadline the
    /// citizen has), and a deadline whose last day has passed no longer binds, or it would refuse
    /// every later booking of its type for good.
    func checkWithinDeadline(_ start: Date, of person: PlannerPerson, mapping: OfferMapping) async throws(StarFault) {
        guard let (deadline, dayAfter) = try await openDeadline(of: person, interviewType: mapping.interviewTypeIdentifier) else { return }
        if start >= dayAfter {
            throw StarFault.laterThanDeadline(
                "the meeting is after the citizen's deadline for interview type \(deadline.interviewType) (hold by \(CopenhagenTime.day(deadline.holdBy)))")
        }
    }

    /// The citizen's open deadline of `interviewType` (fixed before, its last day not passed) and the
    /// start of the day after its last day; nil when there is none. Reads only: never fixes one.
    func openDeadline(of person: PlannerPerson, interviewType: Int) async throws(StarFault) -> (CitizenDeadline, Date)? {
        guard let deadline = try await deadline(of: person, interviewType: interviewType, definition: nil) else { return nil }
        let today = CopenhagenTime.startOfDay(now)
        let dayAfter = CopenhagenTime.adding(days: 1, to: CopenhagenTime.startOfDay(deadline.holdBy))
        guard dayAfter > today else {
            notes.add("the deadline for interview type \(deadline.interviewType) has passed (\(CopenhagenTime.day(deadline.holdBy))): not applied")
            return nil
        }
        return (deadline, dayAfter)
    }
}
