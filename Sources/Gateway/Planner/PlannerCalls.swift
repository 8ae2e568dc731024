import Foundation
import Jobnet
import Planner

/// Planner as the operations call it: every failure already its STAR fault (`PlannerError.starFault`:
/// 4769, 9018, 9303, 9329), so an operation reads as its spec — the call, then its own rule — with no
/// error mapping of its own. An operation that gives a Planner answer a meaning of its own (a 409 is
/// "the time was taken": 4819 or 4767) calls `OperationContext.planner`'s client and maps that one case.
struct PlannerCalls: Sendable {
    let client: PlannerClient

    /// PersonByCpr: nil when Planner does not know the CPR.
    func person(cpr: CPR) async throws(StarFault) -> PlannerPerson? {
        try await mapped { () throws(PlannerError) in try await client.personByCpr(cpr.digits) }
    }

    /// GetMicrositeCategories: the citizen's category tree on the configured microsite.
    func categories(of person: PlannerPerson) async throws(StarFault) -> [PlannerCategoryOffer] {
        try await mapped { () throws(PlannerError) in try await client.micrositeCategories(personStatusId: person.personStatusId) }
    }

    /// BookingOptions, one call: the window as given (`OperationContext.bookingOptions` makes it fit the seed).
    func bookingOptions(of person: PlannerPerson, offer: UUID, from start: Date, to end: Date) async throws(StarFault)
        -> [PlannerBookingOption]
    {
        try await mapped { () throws(PlannerError) in
            try await client.bookingOptions(personId: person.personStatusId, offerId: offer, start: start, end: end)
        }
    }

    /// GetBookings: the citizen's bookings, every status.
    func bookings(of person: PlannerPerson) async throws(StarFault) -> [PlannerBooking] {
        try await mapped { () throws(PlannerError) in try await client.bookings(personStatusId: person.personStatusId) }
    }

    /// CancelBooking.
    func cancel(_ booking: UUID, of person: PlannerPerson) async throws(StarFault) {
        try await mapped { () throws(PlannerError) in try await client.cancelBooking(bookingId: booking, personStatusId: person.personStatusId) }
    }

    /// ConfirmBookingReservation: accepts a booking awaiting the citizen's confirmation (status 6).
    func confirm(_ booking: UUID, of person: PlannerPerson) async throws(StarFault) {
        try await mapped { () throws(PlannerError) in
            try await client.confirmBookingReservation(bookingId: booking, personStatusId: person.personStatusId)
        }
    }

    /// The one place a Planner failure the caller does not interpret becomes its STAR fault.
    private func mapped<T>(_ call: () async throws(PlannerError) -> T) async throws(StarFault) -> T {
        do {
            return try await call()
        } catch {
            throw error.starFault
        }
    }
}
