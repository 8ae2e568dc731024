import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// Free times from BookingOptions, asked as the seed allows: Jobnet's window made fit, split into
/// calls of at most a month, and "is this time still free".
extension OperationContext {
    /// The seed's advice: search no more than a month of free times per BookingOptions call. 28 days
    /// is a month under every reading (February; a month that holds a change to or from summer time).
    static let plannerMaximumWindowDays = 28

    /// A search window as Jobnet sent it, made fit for BookingOptions: an end before the start is 1014, a
    /// window that has ended 4783; its past part is dropped, and a window longer than `maximumSearchDays`
    /// is clipped (the mapping log says so). The one place these rules are raised.
    func searchWindow(from requestedStart: Date, to requestedEnd: Date) throws(StarFault) -> (start: Date, end: Date) {
        guard requestedEnd >= requestedStart else {
            throw StarFault.notValid("SlutMoedetidsinterval is before StartMoedetidsinterval")
        }
        guard requestedEnd > now else { throw StarFault.timeInThePast("the search window ends in the past") }
        let start = max(requestedStart, now)
        let longest = CopenhagenTime.adding(days: limits.maximumSearchDays, to: start)
        guard requestedEnd > longest else { return (start, requestedEnd) }
        notes.add("search window clipped to \(limits.maximumSearchDays) days")
        return (start, longest)
    }

    /// BookingOptions over Jobnet's window `[start, end]`, as a Planner of any reading answers it: the
    /// window sent ends a minute later (so a time at Jobnet's very end is found when Planner's window
    /// is half-open, and the end is after the start even for a one-instant window); a window longer
    /// than the seed's month is split into calls of at most `plannerMaximumWindowDays`; what comes back
    /// is kept to `[start, end]`, sorted by time (Planner promises no order), each time once (a time at
    /// a chunk's edge may come back twice, its resources merged; a joint meeting's sessions differ by TaskId).
    func bookingOptions(person: PlannerPerson, offerId: UUID, from start: Date, to end: Date) async throws(StarFault)
        -> [PlannerBookingOption]
    {
        // The minute's margin never costs a second call: a window of exactly the seed's month stays one.
        let month = CopenhagenTime.adding(days: Self.plannerMaximumWindowDays, to: start)
        let last = end <= month ? min(end.addingTimeInterval(60), month) : end.addingTimeInterval(60)
        var options: [PlannerBookingOption] = []
        var chunkStart = start
        while chunkStart < last {
            let chunkEnd = min(last, CopenhagenTime.adding(days: Self.plannerMaximumWindowDays, to: chunkStart))
            let from = chunkStart
            options += try await calls.bookingOptions(of: person, offer: offerId, from: from, to: chunkEnd)
            chunkStart = chunkEnd
        }
        var merged: [PlannerBookingOption] = []
        var index: [String: Int] = [:]
        for option in options.sorted(by: { $0.dateTime < $1.dateTime }) where option.dateTime >= start && option.dateTime <= end {
            let key = "\(option.dateTime.timeIntervalSince1970)|\(option.taskId ?? "")"
            if let at = index[key] {
                merged[at].resourceIds += option.resourceIds.filter { !merged[at].resourceIds.contains($0) }
            } else {
                index[key] = merged.count
                merged.append(option)
            }
        }
        return merged
    }

    /// BookingOptions at exactly `start`: the option, if Planner still offers the time, with one of
    /// `resources` when given (any resource when empty; an option that names no resource, a joint
    /// meeting's session by TaskId, cannot be held to them). The caller raises its own code when it is gone.
    ///
    /// The window asked for is `[start, start + 1 day + 1 min)`: it contains the start whether a Planner
    /// reads its window as closed or half-open, and holds the whole meeting if a Planner wants that
    /// (a meeting lasts at most a day, STAR 8135; the mapped duration may be shorter than Planner's
    /// own); its end is always after its start (the seed only says EndTime is the time to search to).
    func freeOption(person: PlannerPerson, offer: PlannerCategoryOffer, start: Date, resources: Set<String>)
        async throws(StarFault) -> PlannerBookingOption?
    {
        let end = start.addingTimeInterval(24 * 3600 + 60)
        let options = try await calls.bookingOptions(of: person, offer: offer.id, from: start, to: end)
        return options.first { option in
            // To the second: a Planner may write fractional seconds.
            abs(option.dateTime.timeIntervalSince(start)) < 1
                && (resources.isEmpty || option.resourceIds.isEmpty || option.resourceIds.contains { resources.contains($0.lowercasedText) })
        }
    }
}
