import CopenhagenTime
import Foundation

/// Planner.External.Api as typed async calls, on the libcurl transport.
///
/// Each method builds its request from the route table, sends it, and classifies the answer in
/// `classify`, the one place where HTTP statuses and bodies become `PlannerError`s.
public struct PlannerClient: Sendable {
    public struct Configuration: Sendable, Equatable {
        /// e.g. `https://preprod.workforce-planner.dk/Planner.External.Api/`
        public var baseURL: String
        public var rootDepartmentId: UUID?
        public var micrositeId: UUID?
        public var routes: PlannerRoutes

        public init(baseURL: String, rootDepartmentId: UUID?, micrositeId: UUID?, routes: PlannerRoutes = PlannerRoutes()) {
            self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
            self.rootDepartmentId = rootDepartmentId
            self.micrositeId = micrositeId
            self.routes = routes
        }
    }

    public let configuration: Configuration
    let transport: any PlannerTransport
    public let protection: PlannerProtection
    /// Shared by every client of one gateway; nil: no breaker.
    let breaker: CircuitBreaker?
    /// PersonByCpr's recent answers, shared by every generation of the client. Every call that changes a
    /// person in Planner (reserve, book, cancel, confirm, contact details) drops them from it, whatever
    /// the call's outcome, so their next lookup is Planner's.
    let personCache: PersonCache?
    /// GetMicrositeCategories' recent answers per citizen, shared likewise and dropped likewise.
    let categoryCache: CategoryCache?

    public init(
        configuration: Configuration, transport: any PlannerTransport, protection: PlannerProtection = PlannerProtection(),
        breaker: CircuitBreaker? = nil, personCache: PersonCache? = nil, categoryCache: CategoryCache? = nil
    ) {
        self.configuration = configuration
        self.transport = transport
        self.protection = protection
        self.breaker = breaker
        self.personCache = personCache
        self.categoryCache = categoryCache
    }

    /// After a call that changes a citizen in Planner, whatever its outcome: their next lookups are Planner's.
    private func forget(personStatusId: UUID) {
        personCache?.drop(personStatusId: personStatusId)
        categoryCache?.drop(personStatusId: personStatusId)
    }

    // MARK: - The nine operations

    /// PersonByCpr. Returns nil when Planner does not know the CPR (404). The CPR travels only in the
    /// body: a route that would put it in a URL is refused when the mappings load.
    ///
    /// With a `personCache`, a person Planner answered for a moment ago is taken from it, without a call
    /// (and so without a record in the mapping log's Planner calls).
    public func personByCpr(_ cprDigits: String) async throws(PlannerError) -> PlannerPerson? {
        if let cached = personCache?.person(cprDigits: cprDigits) { return cached }
        let started = personCache?.lookupStarts() ?? 0
        do {
            let person = try PlannerPerson(json: try await call(.personByCpr, [
                ("DepartmentId", try rootDepartmentId()), ("Cpr", cprDigits),
            ]))
            personCache?.store(person, cprDigits: cprDigits, lookupStarted: started)
            return person
        } catch .notFound {
            return nil
        }
    }

    /// GetMicrositeCategories: the category tree for the citizen on the configured microsite.
    ///
    /// With a `categoryCache`, a citizen's tree Planner gave a moment ago is taken from it, without a call.
    public func micrositeCategories(personStatusId: UUID) async throws(PlannerError) -> [PlannerCategoryOffer] {
        guard let micrositeId = configuration.micrositeId else { throw .configurationMissing("MicrositeId") }
        if let cached = categoryCache?.categories(personStatusId: personStatusId) { return cached }
        let started = categoryCache?.lookupStarts() ?? 0
        let json = try await call(.getMicrositeCategories, [("PersonStatusId", personStatusId), ("MicrositeId", micrositeId)])
        let categories = try Self.array(json, context: "GetMicrositeCategories").map { (item) throws(PlannerError) in
            try PlannerCategoryOffer(json: item)
        }
        categoryCache?.store(categories, personStatusId: personStatusId, lookupStarted: started)
        return categories
    }

    /// BookingOptions: free start times for an offer in a window. The seed only says EndTime is the time
    /// to search *to*, so a window whose end is not after its start is never sent: a Planner may refuse
    /// it, or read it as empty. Such a call is the gateway's own defect (`invalidRequest`), not Planner's.
    public func bookingOptions(personId: UUID, offerId: UUID, start: Date, end: Date) async throws(PlannerError)
        -> [PlannerBookingOption]
    {
        guard end > start else {
            throw .invalidRequest("BookingOptions: the window's end \(CopenhagenTime.local(end)) is not after its start")
        }
        let options = try await call(.bookingOptions, [("PersonId", personId), ("OfferId", offerId), ("StartTime", start), ("EndTime", end)]) {
            (body) throws(PlannerError) in try PlannerBookingOption.read(body)
        }
        return try options.get()
    }

    /// CreateBookingReservation: returns the reservation (booking) id.
    public func createBookingReservation(_ request: PlannerReservationRequest) async throws(PlannerError) -> UUID {
        defer { forget(personStatusId: request.personId) }
        let json = try await call(.createBookingReservation, [
            ("OfferId", request.offerId), ("StartDateTime", request.startDateTime), ("ResourceId", request.resourceId),
            ("PersonId", request.personId), ("RootDepartmentId", try rootDepartmentId()),
        ])
        if let text = json.string, let id = UUID(text: text) { return id }
        if let object = try? JSONObject(json, context: "CreateBookingReservation"),
            let id = object.optionalUUID("TaskPersonStatusLink") ?? object.optionalUUID("BookingId")
        {
            return id
        }
        throw .invalidResponse("CreateBookingReservation: no reservation id in the answer")
    }

    /// MakeBooking: returns the new booking's id.
    public func makeBooking(_ request: PlannerMakeBookingRequest) async throws(PlannerError) -> UUID {
        defer { forget(personStatusId: request.personId) }
        let json = try await call(.makeBooking, [
            ("PersonId", request.personId), ("OfferId", request.offerId), ("StartTime", request.startTime),
            ("RootDepartmentId", try rootDepartmentId()), ("IsImmediateBooking", request.isImmediateBooking),
        ])
        return try JSONObject(json, context: "NewBookingIdResponse").uuid("BookingId")
    }

    /// CancelBooking (204).
    public func cancelBooking(bookingId: UUID, personStatusId: UUID) async throws(PlannerError) {
        defer { forget(personStatusId: personStatusId) }
        _ = try await call(.cancelBooking, [
            ("BookingId", bookingId), ("PersonStatusId", personStatusId), ("RootDepartmentId", try rootDepartmentId()),
        ])
    }

    /// ConfirmBookingReservation (204): only bookings in status 6 can be confirmed.
    public func confirmBookingReservation(bookingId: UUID, personStatusId: UUID) async throws(PlannerError) {
        defer { forget(personStatusId: personStatusId) }
        _ = try await call(.confirmBookingReservation, [("BookingId", bookingId), ("PersonStatusId", personStatusId)])
    }

    /// GetBookings: the citizen's future active bookings.
    public func bookings(personStatusId: UUID) async throws(PlannerError) -> [PlannerBooking] {
        let json = try await call(.getBookings, [("PersonStatusId", personStatusId), ("RootDepartmentId", try rootDepartmentId())])
        return try Self.array(json, context: "GetBookings").map { (item) throws(PlannerError) in
            try PlannerBooking(json: item)
        }
    }

    /// SetCitizenInformations (UpdateNotificationConsent, 204).
    public func setCitizenInformations(personId: UUID, information: PlannerCitizenInformation) async throws(PlannerError) {
        defer { forget(personStatusId: personId) }
        var light = JSONBody()
        light.set("EmailAddress", information.emailAddress)
        light.set("MobileNumber", information.mobileNumber)
        light.set("AllowTextNotification", information.allowTextNotification)
        light.set("AllowEmailNotification", information.allowEmailNotification)
        _ = try await call(.setCitizenInformations, [
            ("PersonId", personId), ("RootDepartmentId", try rootDepartmentId()), ("CitizenInformationLightExternalDto", light),
        ])
    }

    /// Whether Planner's server answers at all: a GET of the base URL, where any HTTP status (a 404
    /// included) proves the connection and TLS work. No CPR, no booking data; not recorded as a call.
    /// Returns nil when reachable, else why not.
    public func probe() async -> String? {
        do {
            _ = try await transport.perform(HTTPExchangeRequest(method: .get, url: configuration.baseURL, body: nil))
            return nil
        } catch {
            return "\(error)"
        }
    }

    // MARK: - One call, classified

    private func rootDepartmentId() throws(PlannerError) -> UUID {
        guard let id = configuration.rootDepartmentId else { throw .configurationMissing("RootDepartmentId") }
        return id
    }

    private static func array(_ json: JSONValue, context: String) throws(PlannerError) -> [JSONValue] {
        guard let array = json.array else { throw .invalidResponse("\(context): expected a JSON array") }
        return array
    }

    /// Sends one request and returns the parsed JSON of a 200 answer (null for 201 and 204). Each parameter
    /// (the seed's name and its value) travels where the route puts it: in the path, the query or the
    /// JSON body (`PlannerRoute.location(of:)`).
    private func call(_ operation: PlannerOperation, _ parameters: [(String, Any)]) async throws(PlannerError) -> JSONValue {
        try await call(operation, parameters) { (body) throws(PlannerError) in
            guard let body else { return .null }
            return try JSONObject.parse(body, context: operation.rawValue)
        }
    }

    /// `call`, with the answer's body (nil for 201 and 204) read by `read` — inside the call, so that a
    /// body that is not JSON is the call's failure in the mapping log and the metrics, as `classify` made it.
    private func call<Answer>(
        _ operation: PlannerOperation, _ parameters: [(String, Any)], read: ([UInt8]?) throws(PlannerError) -> Answer
    ) async throws(PlannerError) -> Answer {
        guard let route = configuration.routes[operation] else { throw .configurationMissing("route for \(operation.rawValue)") }
        var path = route.path
        var query: [String] = []
        var body = JSONBody()
        for (name, value) in parameters {
            switch route.location(of: name) {
            case .body:
                body.set(name, value)
            case .query:
                query.append("\(route.urlName(of: name))=\(JSONBody.text(value).urlQueryEncoded)")
            case .path:
                let capture = "{\(route.urlName(of: name))}"
                path = path.replacingOccurrences(of: capture, with: JSONBody.text(value).urlQueryEncoded)
            }
        }
        var url = configuration.baseURL + path
        if !query.isEmpty { url += "?" + query.joined(separator: "&") }
        let started = DispatchTime.now().uptimeNanoseconds
        var status: Int?
        var failure: PlannerError?
        var retries = 0
        defer {
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
            PlannerCallRecorder.current?.record(PlannerCallRecord(
                operation: operation, route: "\(route.method.rawValue) \(route.path)", status: status,
                milliseconds: milliseconds, failureClass: failure?.failureClass, retries: retries))
        }
        if operation.isRead, let reason = breaker?.admit() {
            failure = .circuitOpen(reason)
            throw .circuitOpen(reason)
        }
        // One time budget for the call, retries included.
        let budget = UInt64(route.timeoutMilliseconds ?? transport.defaultTimeoutMilliseconds) * 1_000_000
        let deadline = started + budget
        let bytes = route.method == .post ? body.bytes : nil
        while true {
            do {
                let remaining = Int((deadline - min(deadline, DispatchTime.now().uptimeNanoseconds)) / 1_000_000)
                let response = try await transport.perform(
                    HTTPExchangeRequest(method: route.method, url: url, body: bytes, timeoutMilliseconds: max(1, remaining)))
                status = response.status
                let result = try read(try Self.classify(response, operation: operation))
                breaker?.record(trouble: false)
                return result
            } catch {
                // Cancelled by its caller (a client gone, a shutdown): says nothing of Planner, so it is
                // neither retried nor counted against the circuit breaker.
                if Task.isCancelled {
                    failure = error
                    throw error
                }
                if operation.isRead, error.isRetryable, retries < protection.readRetries {
                    let base = UInt64(protection.backoffMilliseconds) << UInt64(retries)
                    let backoff = (base + UInt64.random(in: 0...max(1, base / 2))) * 1_000_000
                    // Only when the retry still has time for an answer within the budget.
                    if DispatchTime.now().uptimeNanoseconds + backoff + 50_000_000 < deadline {
                        retries += 1
                        // A call whose task is cancelled while it waits gives up with the failure it had.
                        if (try? await Task.sleep(nanoseconds: backoff)) != nil, !Task.isCancelled { continue }
                    }
                }
                breaker?.record(trouble: error.isPlannerTrouble)
                failure = error
                throw error
            }
        }
    }

    /// The one place a Planner answer is classified.
    /// A 200's body; nil for 201 and 204.
    static func classify(_ response: HTTPExchangeResponse, operation: PlannerOperation) throws(PlannerError) -> [UInt8]? {
        switch response.status {
        case 200:
            return response.body
        case 201, 204:
            return nil
        case 400:
            // To a read, the gateway built it wrong for this Planner; to a write, the booking's state may be why.
            throw operation.isRead ? .rejected(message: Self.message(response.body)) : .refused(message: Self.message(response.body))
        case 404:
            // ASP.NET Web API's fixed text when no route matches: the URL is wrong, not the person or booking unknown.
            if let message = Self.message(response.body), message.hasPrefix("No HTTP resource was found") {
                throw .noSuchRoute(message)
            }
            throw .notFound
        case 409:
            throw .conflict(message: Self.message(response.body))
        case 500...599:
            throw .serverError(status: response.status, message: Self.message(response.body))
        default:
            throw .unexpectedStatus(response.status)
        }
    }

    /// ASP.NET's `{"Message": "..."}`, cut short: it is for the log, never for Jobnet.
    private static func message(_ body: [UInt8]) -> String? {
        guard let json = try? JSONObject(try? JSONObject.parse(body, context: "error"), context: "error") else { return nil }
        return json.optionalString("Message").map { String($0.prefix(200)) }
    }
}

extension UUID {
    /// Planner's GUID spelling: lower case.
    var plannerString: String { lowercasedText }
}

extension String {
    /// Percent-encoded for a URL's path segment or query value: every byte but RFC 3986's unreserved
    /// ASCII (letters, digits, `-._~`) as `%XX` of its UTF-8. Byte by byte rather than through
    /// Foundation's `CharacterSet`, which built a bitmap on every call and counts non-ASCII letters
    /// (`æ`) as alphanumeric, leaving them unencoded.
    var urlQueryEncoded: String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(utf8.count)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                encoded.append(UInt8(ascii: "%"))
                encoded.append(Self.hexDigits[Int(byte >> 4)])
                encoded.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
