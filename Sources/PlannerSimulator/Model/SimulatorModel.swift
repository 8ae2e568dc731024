import Foundation

/// A caseworker (or room) in the simulated Planner, with a weekly calendar.
public struct SimResource: Sendable, Equatable {
    public var id: UUID
    public var displayName: String
    /// Working hours on weekdays (Monday to Friday), Copenhagen wall clock.
    public var workdayStartHour: Int
    public var workdayEndHour: Int

    public init(id: UUID, displayName: String, workdayStartHour: Int = 9, workdayEndHour: Int = 15) {
        self.id = id
        self.displayName = displayName
        self.workdayStartHour = workdayStartHour
        self.workdayEndHour = workdayEndHour
    }
}

/// A booking offer: individual (free times from the resources' calendars) or joint (fixed sessions with seats).
public struct SimOffer: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case individual
        /// A joint meeting held at these Copenhagen wall-clock times (hour, minute) on weekdays, with this many seats.
        case joint(sessionHours: [Int], seats: Int)
    }

    public var id: UUID
    public var title: String
    public var description: String
    public var durationMinutes: Int
    public var resourceIds: [UUID]
    public var kind: Kind
    /// Earliest booking, in hours from now; latest, in days from now.
    public var leadHours: Int
    public var horizonDays: Int
    public var expiryDate: Date?
    public var showCaseWorkerName: Bool

    public init(
        id: UUID, title: String, description: String, durationMinutes: Int, resourceIds: [UUID], kind: Kind,
        leadHours: Int = 2, horizonDays: Int = 60, expiryDate: Date? = nil, showCaseWorkerName: Bool = true
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.durationMinutes = durationMinutes
        self.resourceIds = resourceIds
        self.kind = kind
        self.leadHours = leadHours
        self.horizonDays = horizonDays
        self.expiryDate = expiryDate
        self.showCaseWorkerName = showCaseWorkerName
    }
}

/// A node of the microsite's category tree: a category with children, or a leaf naming an offer.
public indirect enum SimCategoryNode: Sendable, Equatable {
    case category(id: UUID, title: String, description: String, children: [SimCategoryNode])
    case offer(UUID)
}

public struct SimPerson: Sendable, Equatable {
    public var cpr: String
    public var personStatusId: UUID
    public var firstName: String
    public var lastName: String
    public var emailAddress: String?
    public var mobileNumber: String?
    public var allowEmailNotification: Bool
    public var allowTextNotification: Bool

    public init(cpr: String, personStatusId: UUID, firstName: String, lastName: String) {
        self.cpr = cpr
        self.personStatusId = personStatusId
        self.firstName = firstName
        self.lastName = lastName
        self.emailAddress = nil
        self.mobileNumber = nil
        self.allowEmailNotification = false
        self.allowTextNotification = false
    }
}

/// A booking or reservation. Status codes as Planner's: 0 new, 1 accepted, 2 rejected, 3 cancelled,
/// 4 awaiting caseworker, 5 not paid, 6 ready for the citizen's confirmation.
public struct SimBooking: Sendable, Equatable {
    public var id: UUID
    public var personStatusId: UUID
    public var offerId: UUID
    public var resourceId: UUID
    public var start: Date
    public var end: Date
    public var status: Int
    public var title: String
    public var description: String
    public var isImmediateBooking: Bool
    /// Set on reservations made through CreateBookingReservation: unconfirmed, they lapse then.
    public var reservationExpiresAt: Date?

    public init(
        id: UUID, personStatusId: UUID, offerId: UUID, resourceId: UUID, start: Date, end: Date, status: Int,
        title: String, description: String, isImmediateBooking: Bool = false, reservationExpiresAt: Date? = nil
    ) {
        self.id = id
        self.personStatusId = personStatusId
        self.offerId = offerId
        self.resourceId = resourceId
        self.start = start
        self.end = end
        self.status = status
        self.title = title
        self.description = description
        self.isImmediateBooking = isImmediateBooking
        self.reservationExpiresAt = reservationExpiresAt
    }

    /// Whether the booking holds its time (cancelled, rejected and lapsed reservations do not).
    func holdsTime(at now: Date) -> Bool {
        guard status != 2, status != 3 else { return false }
        if status == 6, let expires = reservationExpiresAt, expires <= now { return false }
        return true
    }
}

/// Everything the simulated Planner knows.
public struct SimulatorData: Sendable {
    public var rootDepartmentId: UUID
    public var micrositeId: UUID
    public var persons: [SimPerson]
    public var resources: [SimResource]
    public var offers: [SimOffer]
    public var categories: [SimCategoryNode]
    public var bookings: [SimBooking]
    /// How long an unconfirmed reservation holds its time.
    public var reservationLifetime: TimeInterval

    public init(
        rootDepartmentId: UUID, micrositeId: UUID, persons: [SimPerson], resources: [SimResource], offers: [SimOffer],
        categories: [SimCategoryNode], bookings: [SimBooking], reservationLifetime: TimeInterval = 600
    ) {
        self.rootDepartmentId = rootDepartmentId
        self.micrositeId = micrositeId
        self.persons = persons
        self.resources = resources
        self.offers = offers
        self.categories = categories
        self.bookings = bookings
        self.reservationLifetime = reservationLifetime
    }
}
