import CopenhagenTime
import Foundation
import Planner

/// The simulated Planner's state and rules. An actor: every call is one consistent step.
public actor PlannerSimulatorState {
    public private(set) var data: SimulatorData
    private var faults: [PlannerOperation: SimulatorFault] = [:]
    /// Every call received, by operation, for tests that assert which Planner calls a Jobnet call made.
    public private(set) var calls: [PlannerOperation] = []
    private let clock: @Sendable () -> Date

    public init(data: SimulatorData, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.data = data
        self.clock = clock
    }

    // MARK: - Test controls

    public func inject(_ fault: SimulatorFault?, into operation: PlannerOperation) {
        faults[operation] = fault
    }

    public func clearFaults() { faults = [:] }

    public func resetCalls() { calls = [] }

    /// The fault to apply to this call, if any (a `failTimes` fault counts itself down).
    func takeFault(for operation: PlannerOperation) -> SimulatorFault? {
        calls.append(operation)
        guard let fault = faults[operation] else { return nil }
        if case .failTimes(let remaining, let status) = fault {
            faults[operation] = remaining > 1 ? .failTimes(remaining - 1, status: status) : nil
        }
        if case .answerLost = fault { faults[operation] = nil }
        return fault
    }

    /// Calls being answered right now, and the most there have been at once (the gateway's cap on
    /// concurrent Planner calls is tested against it).
    public private(set) var inFlight = 0
    public private(set) var maximumInFlight = 0

    func began() {
        inFlight += 1
        maximumInFlight = max(maximumInFlight, inFlight)
    }

    func ended() { inFlight -= 1 }

    // MARK: - Planner's operations

    public enum Failure: Error, Equatable {
        case badRequest(String)
        case notFound
        case conflict(String)
    }

    func person(cpr: String, departmentId: UUID?) throws(Failure) -> SimPerson {
        guard departmentId == data.rootDepartmentId else { throw .badRequest("Unknown DepartmentId") }
        guard let person = data.persons.first(where: { $0.cpr == cpr }) else { throw .notFound }
        return person
    }

    func micrositeCategories(personStatusId: UUID, micrositeId: UUID) throws(Failure) -> [SimCategoryNode] {
        guard micrositeId == data.micrositeId else { throw .badRequest("Unknown MicrositeId") }
        guard data.persons.contains(where: { $0.personStatusId == personStatusId }) else { throw .notFound }
        return data.categories
    }

    func offer(_ id: UUID) -> SimOffer? { data.offers.first { $0.id == id } }

    /// Free start times for the offer in [start, end], each with the resources free then.
    func bookingOptions(personId: UUID, offerId: UUID, start: Date, end: Date) throws(Failure)
        -> [(time: Date, resources: [UUID], seatsLeft: Int?)]
    {
        guard data.persons.contains(where: { $0.personStatusId == personId }) else { throw .notFound }
        guard let offer = offer(offerId) else { throw .notFound }
        guard end >= start else { throw .badRequest("EndTime is before StartTime") }
        let now = clock()
        if let expiry = offer.expiryDate, expiry <= now { return [] }
        let earliest = max(start, now.addingTimeInterval(Double(offer.leadHours) * 3600))
        let latest = min(end, CopenhagenTime.adding(days: offer.horizonDays, to: now))
        guard earliest <= latest else { return [] }
        var options: [(Date, [UUID], Int?)] = []
        var day = CopenhagenTime.startOfDay(earliest)
        while day <= latest {
            if isWeekday(day) {
                for (time, seats) in candidateTimes(for: offer, on: day) where time >= earliest && time <= latest {
                    let slotEnd = time.addingTimeInterval(Double(offer.durationMinutes) * 60)
                    switch offer.kind {
                    case .individual:
                        let free = offer.resourceIds.filter { isFree($0, from: time, to: slotEnd, now: now) }
                        if !free.isEmpty { options.append((time, free, nil)) }
                    case .joint:
                        let taken = data.bookings.filter {
                            $0.offerId == offer.id && $0.start == time && $0.holdsTime(at: now)
                        }.count
                        let left = (seats ?? 0) - taken
                        if left > 0 { options.append((time, Array(offer.resourceIds.prefix(1)), left)) }
                    }
                }
            }
            day = CopenhagenTime.adding(days: 1, to: day)
        }
        return options
    }

    private func isWeekday(_ day: Date) -> Bool {
        let weekday = CopenhagenTime.weekday(day)
        return weekday != 1 && weekday != 7
    }

    private func candidateTimes(for offer: SimOffer, on day: Date) -> [(Date, Int?)] {
        switch offer.kind {
        case .joint(let hours, let seats):
            return hours.map { (CopenhagenTime.at(hour: $0, minute: 0, on: day), seats) }
        case .individual:
            let resources = data.resources.filter { offer.resourceIds.contains($0.id) }
            let startHour = resources.map(\.workdayStartHour).min() ?? 9
            let endHour = resources.map(\.workdayEndHour).max() ?? 15
            var times: [(Date, Int?)] = []
            var time = CopenhagenTime.at(hour: startHour, minute: 0, on: day)
            let close = CopenhagenTime.at(hour: endHour, minute: 0, on: day)
            let step = Double(max(offer.durationMinutes, 15)) * 60
            while time.addingTimeInterval(Double(offer.durationMinutes) * 60) <= close {
                times.append((time, nil))
                time = time.addingTimeInterval(step)
            }
            return times
        }
    }

    private func isFree(_ resource: UUID, from start: Date, to end: Date, now: Date) -> Bool {
        guard let calendar = data.resources.first(where: { $0.id == resource }) else { return false }
        let open = CopenhagenTime.at(hour: calendar.workdayStartHour, minute: 0, on: start)
        let close = CopenhagenTime.at(hour: calendar.workdayEndHour, minute: 0, on: start)
        guard start >= open, end <= close else { return false }
        return !data.bookings.contains {
            $0.resourceId == resource && $0.holdsTime(at: now) && $0.start < end && start < $0.end
        }
    }

    /// Books the time for the person: with a resource (a reservation awaiting confirmation) or without
    /// (the first free resource, confirmed at once). 409 when the time is not free.
    func book(
        personId: UUID, offerId: UUID, start: Date, resourceId: UUID?, departmentId: UUID?, reservation: Bool,
        isImmediate: Bool
    ) throws(Failure) -> SimBooking {
        guard departmentId == data.rootDepartmentId else { throw .badRequest("Unknown RootDepartmentId") }
        guard data.persons.contains(where: { $0.personStatusId == personId }) else { throw .notFound }
        guard let offer = offer(offerId) else { throw .notFound }
        // The options over the meeting's own span; the one starting at `start` is the time asked for.
        let span = start.addingTimeInterval(Double(offer.durationMinutes) * 60)
        let options = try bookingOptions(personId: personId, offerId: offerId, start: start, end: span)
        guard let option = options.first(where: { $0.time == start }) else {
            throw .conflict("The time is no longer available")
        }
        let resource: UUID
        if let resourceId {
            guard option.resources.contains(resourceId) else { throw .conflict("The resource is not free at that time") }
            resource = resourceId
        } else {
            resource = option.resources[0]
        }
        let now = clock()
        let booking = SimBooking(
            id: UUID(), personStatusId: personId, offerId: offerId, resourceId: resource, start: start,
            end: start.addingTimeInterval(Double(offer.durationMinutes) * 60), status: reservation ? 6 : 1,
            title: offer.title, description: offer.description, isImmediateBooking: isImmediate,
            reservationExpiresAt: reservation ? now.addingTimeInterval(data.reservationLifetime) : nil)
        data.bookings.append(booking)
        return booking
    }

    func cancel(bookingId: UUID, personStatusId: UUID, departmentId: UUID?) throws(Failure) {
        guard departmentId == data.rootDepartmentId else { throw .badRequest("Unknown RootDepartmentId") }
        guard let index = data.bookings.firstIndex(where: { $0.id == bookingId }) else { throw .notFound }
        guard data.bookings[index].personStatusId == personStatusId else {
            throw .badRequest("The booking does not belong to the person")
        }
        guard data.bookings[index].status != 3 else { throw .badRequest("The booking is already cancelled") }
        data.bookings[index].status = 3
    }

    func confirm(bookingId: UUID, personStatusId: UUID) throws(Failure) {
        let now = clock()
        guard let index = data.bookings.firstIndex(where: { $0.id == bookingId }) else { throw .notFound }
        let booking = data.bookings[index]
        guard booking.personStatusId == personStatusId else { throw .badRequest("The booking does not belong to the person") }
        guard booking.status == 6 else { throw .badRequest("Only bookings in status 6 can be confirmed") }
        if let expires = booking.reservationExpiresAt, expires <= now {
            data.bookings[index].status = 3
            throw .badRequest("The reservation has expired")
        }
        data.bookings[index].status = 1
        data.bookings[index].reservationExpiresAt = nil
    }

    /// The person's future bookings (lapsed reservations are shown as cancelled).
    func bookings(personStatusId: UUID, departmentId: UUID?) throws(Failure) -> [SimBooking] {
        guard departmentId == data.rootDepartmentId else { throw .badRequest("Unknown RootDepartmentId") }
        guard data.persons.contains(where: { $0.personStatusId == personStatusId }) else { throw .notFound }
        let now = clock()
        return data.bookings.filter { $0.personStatusId == personStatusId && $0.end > now }.map { booking in
            var shown = booking
            if booking.status == 6, let expires = booking.reservationExpiresAt, expires <= now { shown.status = 3 }
            return shown
        }.sorted { $0.start < $1.start }
    }

    func updateConsent(personId: UUID, departmentId: UUID?, email: String?, mobile: String?, allowText: Bool?, allowEmail: Bool?)
        throws(Failure)
    {
        guard departmentId == data.rootDepartmentId else { throw .badRequest("Unknown RootDepartmentId") }
        guard let index = data.persons.firstIndex(where: { $0.personStatusId == personId }) else { throw .notFound }
        if let email { data.persons[index].emailAddress = email }
        if let mobile { data.persons[index].mobileNumber = mobile }
        if let allowText { data.persons[index].allowTextNotification = allowText }
        if let allowEmail { data.persons[index].allowEmailNotification = allowEmail }
    }

    /// The bookings that hold time now (for tests: "exactly one booking exists").
    public func activeBookings(personStatusId: UUID? = nil) -> [SimBooking] {
        let now = clock()
        return data.bookings.filter { $0.holdsTime(at: now) && (personStatusId == nil || $0.personStatusId == personStatusId) }
    }
}
