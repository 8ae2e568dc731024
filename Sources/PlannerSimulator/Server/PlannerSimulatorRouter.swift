import CopenhagenTime
import Foundation
import Hummingbird
import Planner

/// Planner.External.Api over HTTP, answering from `PlannerSimulatorState`, at the routes of a route
/// table: by default the gateway's own (so the two never disagree about a path), or any other, since
/// a real Planner's routes are only known from its Swagger catalogue. Each parameter is read where the
/// route puts it (path, query or JSON body), so a gateway that sends one elsewhere gets a 400.
///
/// `style` is how the simulator writes its answers: `.demo` as the gateway's interface §4 shows them,
/// `.strict` as unlike the demo as the seed allows (`PlannerSimulatorStyle`).
public struct PlannerSimulatorRouter: Sendable {
    public let state: PlannerSimulatorState
    public let routes: PlannerRoutes
    public let style: PlannerSimulatorStyle

    public init(state: PlannerSimulatorState, routes: PlannerRoutes = PlannerRoutes(), style: PlannerSimulatorStyle = .demo) {
        self.state = state
        self.routes = routes
        self.style = style
    }

    /// Where Planner's Swagger 2.0 catalogue is served (Swashbuckle's default beside the UI the seed links).
    public static let swaggerPath = "swagger/docs/v1"

    public func build() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: UnknownRouteMiddleware())
        for operation in PlannerOperation.allCases {
            guard let route = routes[operation] else { continue }
            let captures = route.pathParameters
            let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, context in
                var path: [String: String] = [:]
                for name in captures { path[name] = context.parameters.get(name) }
                return try await self.respond(operation, request, path: path)
            }
            switch route.method {
            case .get: router.get(RouterPath(route.path), use: handler)
            case .post: router.post(RouterPath(route.path), use: handler)
            }
        }
        let routes = self.routes
        let title = style == .strict ? "Planner.External.Api (strict simulator)" : "Planner.External.Api (simulator)"
        router.get(RouterPath(Self.swaggerPath)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: PlannerSimulatorSwagger.document(routes: routes, title: title))))
        }
        return router
    }

    /// Applies an injected fault, then the operation; counts the calls in flight.
    func respond(_ operation: PlannerOperation, _ request: Request, path: [String: String]) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        let answer = try await answer(operation, body: Array(body.readableBytesView), query: query, path: path)
        if answer.status == 204 { return Response(status: .noContent) }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// ASP.NET Web API's answer to a URL no route matches.
    static func unknownRoute(_ path: String) -> SimulatorAnswer {
        .json([
            "Message": "No HTTP resource was found that matches the request URI '\(path)'.",
            "MessageDetail": "No route data was found for this request.",
        ], status: 404)
    }

    /// The operation and path captures of a request path (relative to the base URL), as the router
    /// matches it: for the in-process transport, which has no router.
    func match(method: PlannerRoute.Method, path: String) -> (PlannerOperation, [String: String])? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        for operation in PlannerOperation.allCases {
            guard let route = routes[operation], route.method == method else { continue }
            let template = route.path.split(separator: "/", omittingEmptySubsequences: true)
            guard template.count == segments.count else { continue }
            var captures: [String: String] = [:]
            var matched = true
            for (pattern, segment) in zip(template, segments) {
                if pattern.hasPrefix("{"), pattern.hasSuffix("}") {
                    captures[String(pattern.dropFirst().dropLast())] = String(segment).removingPercentEncoding ?? String(segment)
                } else if pattern != segment {
                    matched = false
                    break
                }
            }
            if matched { return (operation, captures) }
        }
        return nil
    }

    /// What Planner answers to one call: the HTTP layer's job is only to carry it (the in-process
    /// `PlannerSimulatorTransport` carries it without one).
    func answer(_ operation: PlannerOperation, body: [UInt8], query: [String: String], path: [String: String]) async throws
        -> SimulatorAnswer
    {
        await state.began()
        do {
            let answer = try await answerCounted(operation, body: body, query: query, path: path)
            await state.ended()
            return answer
        } catch {
            await state.ended()
            throw error
        }
    }

    private func answerCounted(_ operation: PlannerOperation, body: [UInt8], query: [String: String], path: [String: String])
        async throws -> SimulatorAnswer
    {
        var lostAnswer: Int?
        switch await state.takeFault(for: operation) {
        case .slow(let milliseconds):
            try await Task.sleep(for: .milliseconds(milliseconds))
        case .status(let status):
            return .json(["Message": "Injected fault"], status: status)
        case .failTimes(_, let status):
            return .json(["Message": "Injected fault"], status: status)
        case .garbage:
            return SimulatorAnswer(status: 200, body: Array("<html>Service Unavailable</html>".utf8))
        case .incomplete:
            return .json(operation == .personByCpr || operation == .makeBooking ? ["Unexpected": true] : [["Unexpected": true]])
        case .answerLost(let status):
            lostAnswer = status
        case nil:
            break
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        let parameters = SimulatorCallParameters(route: routes[operation]!, path: path, query: query, body: json)
        do {
            let answer = try await perform(operation, parameters)
            if let lostAnswer { return .json(["Message": "Injected fault: the operation was carried out"], status: lostAnswer) }
            return answer
        } catch let failure as PlannerSimulatorState.Failure {
            switch failure {
            case .badRequest(let message): return .json(["Message": message], status: 400)
            case .notFound: return .json(["Message": "Not found"], status: 404)
            case .conflict(let message): return .json(["Message": message], status: 409)
            }
        }
    }

    private func perform(_ operation: PlannerOperation, _ parameters: SimulatorCallParameters) async throws -> SimulatorAnswer {
        func uuid(_ name: String) throws -> UUID {
            guard let text = parameters[name] as? String, let id = UUID(uuidString: text) else {
                throw PlannerSimulatorState.Failure.badRequest("\(name): a required GUID is missing or malformed")
            }
            return id
        }
        func date(_ name: String) throws -> Date {
            guard let text = parameters[name] as? String, let date = CopenhagenTime.parse(text) else {
                throw PlannerSimulatorState.Failure.badRequest("\(name): a required DateTime is missing or malformed")
            }
            return date
        }
        let style = self.style
        switch operation {
        case .personByCpr:
            let person = try await state.person(cpr: parameters["Cpr"] as? String ?? "", departmentId: try? uuid("DepartmentId"))
            var dto: [String: Any] = [
                "Cpr": person.cpr, "DepartmentId": await state.data.rootDepartmentId.lowercasedText, "FirstName": person.firstName,
                "LastName": person.lastName, "PersonStatusId": person.personStatusId.lowercasedText,
                "AllowEmailNotification": person.allowEmailNotification, "AllowTextNotification": person.allowTextNotification,
            ]
            dto["EmailAddress"] = person.emailAddress
            dto["MobileNumber"] = person.mobileNumber
            return style.answer(operation, dto)
        case .getMicrositeCategories:
            let nodes = try await state.micrositeCategories(personStatusId: try uuid("PersonStatusId"), micrositeId: try uuid("MicrositeId"))
            var offers: [UUID: SimOffer] = [:]
            for offer in await state.data.offers { offers[offer.id] = offer }
            return style.answer(operation, nodes.compactMap { Self.dto($0, parent: nil, offers: offers, style: style) })
        case .bookingOptions:
            let start = try date("StartTime")
            let end = try date("EndTime")
            if let refusal = style.refusal(windowFrom: start, to: end) { throw PlannerSimulatorState.Failure.badRequest(refusal) }
            let options = try await state.bookingOptions(personId: try uuid("PersonId"), offerId: try uuid("OfferId"), start: start, end: end)
            return style.bookingOptionsAnswer(style.window(options, from: start, to: end))
        case .createBookingReservation:
            let booking = try await state.book(
                personId: try uuid("PersonId"), offerId: try uuid("OfferId"), start: try date("StartDateTime"),
                resourceId: try uuid("ResourceId"), departmentId: try? uuid("RootDepartmentId"), reservation: true, isImmediate: false)
            return style.answer(operation, ["TaskPersonStatusLink": booking.id.lowercasedText])
        case .makeBooking:
            let booking = try await state.book(
                personId: try uuid("PersonId"), offerId: try uuid("OfferId"), start: try date("StartTime"), resourceId: nil,
                departmentId: try? uuid("RootDepartmentId"), reservation: false,
                isImmediate: parameters["IsImmediateBooking"] as? Bool ?? (parameters["IsImmediateBooking"] as? String == "true"))
            return style.answer(operation, ["BookingId": booking.id.lowercasedText])
        case .cancelBooking:
            try await state.cancel(
                bookingId: try uuid("BookingId"), personStatusId: try uuid("PersonStatusId"), departmentId: try? uuid("RootDepartmentId"))
            return SimulatorAnswer(status: 204, body: [])
        case .confirmBookingReservation:
            try await state.confirm(bookingId: try uuid("BookingId"), personStatusId: try uuid("PersonStatusId"))
            return SimulatorAnswer(status: 204, body: [])
        case .getBookings:
            let bookings = try await state.bookings(personStatusId: try uuid("PersonStatusId"), departmentId: try? uuid("RootDepartmentId"))
            let resources = await state.data.resources
            let offers = await state.data.offers
            return style.answer(operation, style.order(bookings).enumerated().map { index, booking -> [String: Any] in
                [
                    "Id": booking.id.lowercasedText, "Title": booking.title, "StartTime": style.dateTime(booking.start, index: index),
                    "EndTime": style.dateTime(booking.end, index: index + 1), "Status": booking.status, "Description": booking.description,
                    "ResourceDisplayName": resources.first { $0.id == booking.resourceId }?.displayName ?? "",
                    "ShowCaseWorkerName": offers.first { $0.id == booking.offerId }?.showCaseWorkerName ?? false,
                    "IsRecurring": false,
                ]
            })
        case .setCitizenInformations:
            let light = parameters["CitizenInformationLightExternalDto"] as? [String: Any] ?? [:]
            try await state.updateConsent(
                personId: try uuid("PersonId"), departmentId: try? uuid("RootDepartmentId"),
                email: light["EmailAddress"] as? String, mobile: light["MobileNumber"] as? String,
                allowText: light["AllowTextNotification"] as? Bool, allowEmail: light["AllowEmailNotification"] as? Bool)
            return SimulatorAnswer(status: 204, body: [])
        }
    }

    static func dto(_ node: SimCategoryNode, parent: UUID?, offers: [UUID: SimOffer], style: PlannerSimulatorStyle) -> [String: Any]? {
        switch node {
        case .category(let id, let title, let description, let children):
            return [
                "Id": id.lowercasedText, "ParentId": parent?.lowercasedText ?? NSNull(), "Title": title, "Description": description,
                "InformationText": "", "ExipryDate": NSNull(), "Type": 1, "ShowCaseWorkerName": false,
                "ShowHardwareResourceName": false,
                "CategoryOfferExternalDto": children.compactMap { dto($0, parent: id, offers: offers, style: style) },
            ]
        case .offer(let id):
            guard let offer = offers[id] else { return nil }
            return [
                "Id": id.lowercasedText, "ParentId": parent?.lowercasedText ?? NSNull(), "Title": offer.title, "Description": offer.description,
                "InformationText": "", "ExipryDate": offer.expiryDate.map { style.dateTime($0, index: 1) } ?? "9999-12-31T23:59:59",
                "Type": 2, "ShowCaseWorkerName": offer.showCaseWorkerName, "ShowHardwareResourceName": false,
                "CategoryOfferExternalDto": [Any](),
            ]
        }
    }

}

/// One answer of the simulated Planner: a status and a JSON body.
struct SimulatorAnswer: Sendable {
    var status: Int
    var body: [UInt8]

    static func json(_ value: Any, status: Int = 200) -> SimulatorAnswer {
        var body: [UInt8] = []
        body.reserveCapacity(4096)
        SimulatorJSON.write(value, to: &body)
        return SimulatorAnswer(status: status, body: body)
    }
}

