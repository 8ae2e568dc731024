import Foundation

/// How the client protects Jobnet from a failing Planner, and Planner from the gateway.
///
/// - **Retries, reads only.** PersonByCpr, GetMicrositeCategories, BookingOptions and GetBookings are
///   sent again after a failure that says nothing was done (no connection, 502/503/504), with
///   exponential backoff, within the route's one time budget: Jobnet never waits longer for a read
///   than for one call. MakeBooking, CreateBookingReservation, CancelBooking,
///   ConfirmBookingReservation and SetCitizenInformations are never sent twice by the client: a
///   booking operation that meets a failure learns what landed from the ledger and GetBookings
///   (CreateSelvbooking's pending bookings, the rebooking journal) before it books again.
/// - **A circuit breaker.** After `breakerFailures` calls in a row that could not reach Planner or got
///   a 5xx, reads are answered at once (4769) for `breakerOpenSeconds`; then one read goes through as a
///   probe: an answer closes the breaker, a failure opens it again. Writes always go through: they are
///   only reached after a read succeeded, and a rebooking half-way must be able to finish or undo.
/// - **A cap on concurrent calls**: the transport's worker pool (`PlannerTransportSettings.workers`).
public struct PlannerProtection: Sendable, Equatable {
    /// Extra tries for a read after the first.
    public var readRetries: Int
    /// The first backoff; doubled for each further retry (with jitter of up to half of it).
    public var backoffMilliseconds: Int
    public var breakerFailures: Int
    public var breakerOpenSeconds: Double

    public init(readRetries: Int = 2, backoffMilliseconds: Int = 50, breakerFailures: Int = 5, breakerOpenSeconds: Double = 5) {
        self.readRetries = readRetries
        self.backoffMilliseconds = backoffMilliseconds
        self.breakerFailures = breakerFailures
        self.breakerOpenSeconds = breakerOpenSeconds
    }
}

extension PlannerOperation {
    /// Whether the operation only reads: safe to send again, and guarded by the circuit breaker.
    public var isRead: Bool {
        switch self {
        case .personByCpr, .getMicrositeCategories, .bookingOptions, .getBookings: true
        case .createBookingReservation, .makeBooking, .cancelBooking, .confirmBookingReservation, .setCitizenInformations: false
        }
    }
}

extension PlannerError {
    /// The failure classes that are Planner trouble, as the breaker and /ready count it: no answer
    /// (or not sent because the breaker is open), or a 5xx.
    public static let troubleClasses: Set<String> = ["unreachable", "server_error", "circuit_open"]

    public var isPlannerTrouble: Bool { Self.troubleClasses.contains(failureClass) }

    /// A failure after which Planner has certainly done nothing, so a read may be sent again.
    var isRetryable: Bool {
        switch self {
        case .unreachable(let reason): !reason.hasPrefix("timeout")
        case .serverError(let status, _): [502, 503, 504].contains(status)
        default: false
        }
    }
}
