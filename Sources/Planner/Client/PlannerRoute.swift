/// The nine Planner.External.Api operations the gateway calls.
public enum PlannerOperation: String, Sendable, CaseIterable {
    case personByCpr = "PersonByCpr"
    case getMicrositeCategories = "GetMicrositeCategories"
    case bookingOptions = "BookingOptions"
    case createBookingReservation = "CreateBookingReservation"
    case makeBooking = "MakeBooking"
    case cancelBooking = "CancelBooking"
    case confirmBookingReservation = "ConfirmBookingReservation"
    case getBookings = "GetBookings"
    case setCitizenInformations = "SetCitizenInformations"
}

/// Where an operation lives: its HTTP method and path relative to the base URL.
public struct PlannerRoute: Sendable, Equatable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    public var method: Method
    public var path: String
    /// This route's time budget per call (retries included); nil for the transport's total timeout.
    public var timeoutMilliseconds: Int?

    public init(method: Method, path: String, timeoutMilliseconds: Int? = nil) {
        self.method = method
        self.path = path
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}

/// The route table: the defaults of the gateway's interface §4, overridden by Mappings/planner-api.yaml.
public struct PlannerRoutes: Sendable, Equatable {
    public var routes: [PlannerOperation: PlannerRoute]

    public init(routes: [PlannerOperation: PlannerRoute] = PlannerRoutes.defaults) {
        self.routes = routes
    }

    public subscript(operation: PlannerOperation) -> PlannerRoute? { routes[operation] }

    public static let defaults: [PlannerOperation: PlannerRoute] = [
        .personByCpr: PlannerRoute(method: .post, path: "ExternalPerson/GetPersonByCpr"),
        .getMicrositeCategories: PlannerRoute(method: .get, path: "ExternalBooking/GetMicrositeCategories"),
        .bookingOptions: PlannerRoute(method: .get, path: "ExternalBooking/BookingOptions"),
        .createBookingReservation: PlannerRoute(method: .post, path: "ExternalBooking/CreateBookingReservation"),
        .makeBooking: PlannerRoute(method: .post, path: "ExternalBooking/MakeBooking"),
        .cancelBooking: PlannerRoute(method: .post, path: "ExternalBooking/CancelBooking"),
        .confirmBookingReservation: PlannerRoute(method: .post, path: "ExternalBooking/ConfirmBookingReservation"),
        .getBookings: PlannerRoute(method: .get, path: "ExternalBooking/GetBookings"),
        .setCitizenInformations: PlannerRoute(method: .post, path: "ExternalPerson/UpdateNotificationConsent"),
    ]
}
