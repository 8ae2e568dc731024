import Foundation
import GRDB

/// A booking the gateway made or learned of: what lets later operations know a booking's offer and
/// owner, which Planner's GetBookings does not say. Never holds a CPR: the owner is Planner's person id.
public struct LedgerBooking: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "booking"

    public enum Origin: String, Codable, Sendable { case selfBooked, immediate, learned }
    /// `pending`: written before Planner is asked, so a gateway that dies mid-call can tell at the next
    /// attempt that Planner may hold a booking it never recorded.
    public enum State: String, Codable, Sendable { case pending, booked, cancelled }

    /// The idempotency key: owner, offer and start (see `Ledger.key`).
    public var requestKey: String
    public var plannerBookingId: String?
    public var offerId: String
    public var personId: String
    public var start: Date
    public var end: Date
    /// The Planner resource (caseworker) holding the booking, when known.
    public var resourceId: String?
    public var samtaleform: Int?
    public var origin: Origin
    public var state: State
    public var createdAt: Date
    public var updatedAt: Date
}

/// An enrollment recorded by StraksbookOgTilmeld. The gateway is not STAR's enrollment system: it keeps
/// what Jobnet sent, beside the booking it made, so that both or neither exist.
public struct LedgerEnrollment: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "enrollment"

    public var receiptId: String
    public var personId: String
    public var enrollmentDate: Date
    public var clientCategory: Int
    public var unemploymentStatus: Int
    /// The professions as Jobnet sent them (JSON).
    public var professions: String
    public var bookingKey: String
    public var createdAt: Date
}

/// An error report from Jobnet (CreateFejlmelding), kept for operators (`jobnet-gateway fejlmeldinger`).
/// The citizen appears only as the masked CPR (birth date), if a CPR was sent.
public struct LedgerFejlmelding: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "fejlmelding"

    public var id: String
    public var receivedAt: Date
    public var reportedAt: Date
    /// `FejlOphav`: 30 DFDG, 32 Jobnet.
    public var origin: Int
    /// `Fejlkode`, from BorgerBookingFejlTypeCodeList.
    public var code: Int
    public var text: String?
    public var offerId: String?
    public var bookingId: String?
    public var citizen: String?
}

/// One rebooking's progress: reserve the new time, cancel the old booking, confirm the new reservation.
public struct RebookingJournalEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rebooking"

    public enum Step: String, Codable, Sendable {
        /// About to reserve the new time (a reservation may or may not exist).
        case reserving
        /// The new time is reserved; the old booking stands.
        case reserved
        /// The old booking is cancelled; the new reservation awaits confirmation.
        case cancelled
        /// The new booking is confirmed: finished.
        case done
        /// Undone: the old booking stands (or was booked again), no new reservation remains.
        case undone

        /// The steps after which nothing is left to do.
        public static let finished: [String] = [Step.done.rawValue, Step.undone.rawValue]
    }

    public var id: String
    public var personId: String
    public var oldBookingId: String
    public var oldOfferId: String
    public var oldStart: Date
    public var newOfferId: String
    public var newStart: Date
    public var newResourceId: String
    public var newReservationId: String?
    public var step: Step
    public var updatedAt: Date
    /// The instance taking the steps (`Ledger.instance`), and until when: written with each step; past
    /// it, a recovery sweep on any instance may take the rebooking over.
    public var leaseOwner: String? = nil
    public var leaseUntil: Date? = nil
}

/// A citizen's deadline (Frist) for one interview type: the day to book by and the day the meeting
/// must be held by, fixed once and kept by Planner's person id (never a CPR).
public struct CitizenDeadline: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "citizenDeadline"

    public var personId: String
    public var interviewType: Int
    /// FriststatusType.
    public var status: Int
    /// Fristdato: book by this day.
    public var bookBy: Date
    /// SidsteAfholdelsesdato: the meeting is held by this day (a booking later is STAR's 8288).
    public var holdBy: Date
    public var fixedAt: Date

    public init(personId: String, interviewType: Int, status: Int, bookBy: Date, holdBy: Date, fixedAt: Date) {
        self.personId = personId
        self.interviewType = interviewType
        self.status = status
        self.bookBy = bookBy
        self.holdBy = holdBy
        self.fixedAt = fixedAt
    }
}
