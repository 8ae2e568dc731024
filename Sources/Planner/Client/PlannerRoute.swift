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

    /// The operation's id in Planner's Swagger catalogue (the seed links each operation by it).
    public var swaggerOperationId: String {
        switch self {
        case .personByCpr: "ExternalPerson_GetPersonByCpr"
        case .getMicrositeCategories: "ExternalBooking_GetMicrositeCategories"
        case .bookingOptions: "ExternalBooking_BookingOptions"
        case .createBookingReservation: "ExternalBooking_CreateBookingReservation"
        case .makeBooking: "ExternalBooking_MakeBooking"
        case .cancelBooking: "ExternalBooking_CancelBooking"
        case .confirmBookingReservation: "ExternalBooking_ConfirmBookingReservation"
        case .getBookings: "ExternalBooking_GetBookings"
        case .setCitizenInformations: "ExternalPerson_UpdateNotificationConsent"
        }
    }

    /// The operation's input elements as the seed names them, in the seed's order. Each travels where
    /// the route puts it (`PlannerRoute.location(of:)`); names match case-insensitively.
    public var parameters: [String] {
        switch self {
        case .personByCpr: ["DepartmentId", "Cpr"]
        case .getMicrositeCategories: ["PersonStatusId", "MicrositeId"]
        case .bookingOptions: ["PersonId", "OfferId", "StartTime", "EndTime"]
        case .createBookingReservation: ["OfferId", "StartDateTime", "ResourceId", "PersonId", "RootDepartmentId"]
        case .makeBooking: ["PersonId", "OfferId", "StartTime", "RootDepartmentId", "IsImmediateBooking"]
        case .cancelBooking: ["BookingId", "PersonStatusId", "RootDepartmentId"]
        case .confirmBookingReservation: ["BookingId", "PersonStatusId"]
        case .getBookings: ["PersonStatusId", "RootDepartmentId"]
        case .setCitizenInformations: ["PersonId", "RootDepartmentId", "CitizenInformationLightExternalDto"]
        }
    }

    /// Parameters that may only travel in a body: the CPR (never in a URL, where proxies and access
    /// logs keep it) and the nested consent object.
    public var bodyOnlyParameters: Set<String> {
        switch self {
        case .personByCpr: ["cpr"]
        case .setCitizenInformations: ["citizeninformationlightexternaldto"]
        default: []
        }
    }
}

/// Where an operation lives: its HTTP method, its path relative to the base URL, and where each of
/// its parameters travels.
///
/// A parameter named in the path as `{name}` travels there; one listed in `query` or `body` travels
/// there; any other goes where the method puts it by default (GET: the query, POST: the JSON body).
/// Names match the seed's case-insensitively; `query` keeps the spelling Planner wants in the URL.
public struct PlannerRoute: Sendable, Equatable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }
    public enum Location: String, Sendable { case query, path, body }

    public var method: Method
    public var path: String
    /// This route's time budget per call (retries included); nil for the transport's total timeout.
    public var timeoutMilliseconds: Int?
    /// Parameters sent in the query although the method would put them elsewhere (their URL spelling).
    public var query: [String]
    /// Parameters sent in the JSON body although the method would put them elsewhere.
    public var body: [String]

    public init(method: Method, path: String, timeoutMilliseconds: Int? = nil, query: [String] = [], body: [String] = []) {
        self.method = method
        self.path = path
        self.timeoutMilliseconds = timeoutMilliseconds
        self.query = query
        self.body = body
    }

    /// The `{name}` captures of the path, in order, as written.
    public var pathParameters: [String] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// Where the parameter `name` (the seed's spelling, any case) travels.
    public func location(of name: String) -> Location {
        let key = name.lowercased()
        if pathParameters.contains(where: { $0.lowercased() == key }) { return .path }
        if query.contains(where: { $0.lowercased() == key }) { return .query }
        if body.contains(where: { $0.lowercased() == key }) { return .body }
        return method == .get ? .query : .body
    }

    /// The spelling of `name` in the URL: as the path or `query` writes it, else camelCase (as
    /// ASP.NET binds it, case-insensitively).
    public func urlName(of name: String) -> String {
        let key = name.lowercased()
        if let written = (pathParameters + query).first(where: { $0.lowercased() == key }) { return written }
        return name.prefix(1).lowercased() + name.dropFirst()
    }

    /// What is wrong with this route for `operation`, or nil: a GET carries no body, the CPR never
    /// travels in a URL, and every capture in the path is one of the operation's parameters.
    public func problem(for operation: PlannerOperation) -> String? {
        let known = Set(operation.parameters.map { $0.lowercased() })
        for name in pathParameters + query + body where !known.contains(name.lowercased()) {
            return "\(name) is not a parameter of \(operation.rawValue) (\(operation.parameters.joined(separator: ", ")))"
        }
        for name in operation.parameters {
            let location = location(of: name)
            if method == .get, location == .body { return "a GET carries no body: \(name) must travel in the path or the query" }
            if operation.bodyOnlyParameters.contains(name.lowercased()), location != .body {
                return "\(name) must travel in the body (a CPR never goes in a URL)"
            }
        }
        return nil
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

    /// The routes of the strict simulator: REST-style paths with ids in the path, unlike the defaults,
    /// so that a gateway aligned only with the defaults fails against it (and `discover` is tested).
    public static let strictSimulator: [PlannerOperation: PlannerRoute] = [
        .personByCpr: PlannerRoute(method: .post, path: "api/v2/persons/lookup"),
        .getMicrositeCategories: PlannerRoute(method: .get, path: "api/v2/microsites/{micrositeId}/categories"),
        .bookingOptions: PlannerRoute(method: .get, path: "api/v2/offers/{offerId}/options"),
        .createBookingReservation: PlannerRoute(method: .post, path: "api/v2/reservations"),
        .makeBooking: PlannerRoute(method: .post, path: "api/v2/bookings"),
        .cancelBooking: PlannerRoute(method: .post, path: "api/v2/bookings/{bookingId}/cancel"),
        .confirmBookingReservation: PlannerRoute(method: .post, path: "api/v2/reservations/{bookingId}/confirm"),
        .getBookings: PlannerRoute(method: .get, path: "api/v2/persons/{personStatusId}/bookings"),
        .setCitizenInformations: PlannerRoute(method: .post, path: "api/v2/citizens/{personId}/consent", query: ["rootDepartmentId"]),
    ]
}
