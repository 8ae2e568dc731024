import CopenhagenTime
import Foundation
import Hummingbird
import Planner

/// Planner.External.Api over HTTP, answering from `PlannerSimulatorState`, at the routes of the
/// gateway's route table (so the gateway and the simulator never disagree about a path).
public struct PlannerSimulatorRouter: Sendable {
    public let state: PlannerSimulatorState
    public let routes: PlannerRoutes

    public init(state: PlannerSimulatorState, routes: PlannerRoutes = PlannerRoutes()) {
        self.state = state
        self.routes = routes
    }

    public func build() -> Router<BasicRequestContext> {
        let router = Router()
        for operation in PlannerOperation.allCases {
            guard let route = routes[operation] else { continue }
            let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
                try await self.respond(operation, request)
            }
            switch route.method {
            case .get: router.get(RouterPath(route.path), use: handler)
            case .post: router.post(RouterPath(route.path), use: handler)
            }
        }
        return router
    }

    /// Applies an injected fault, then the operation; counts the calls in flight.
    func respond(_ operation: PlannerOperation, _ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        let query = request.uri.queryParameters
        let answer = try await answer(operation, body: Array(body.readableBytesView), query: { query.get($0) })
        if answer.status == 204 { return Response(status: .noContent) }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// What Planner answers to one call: the HTTP layer's job is only to carry it (the in-process
    /// `PlannerSimulatorTransport` carries it without one).
    func answer(_ operation: PlannerOperation, body: [UInt8], query: (String) -> String?) async throws -> SimulatorAnswer {
        await state.began()
        do {
            let answer = try await answerCounted(operation, body: body, query: query)
            await state.ended()
            return answer
        } catch {
            await state.ended()
            throw error
        }
    }

    private func answerCounted(_ operation: PlannerOperation, body: [UInt8], query: (String) -> String?) async throws -> SimulatorAnswer {
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
        case nil:
            break
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        do {
            return try await perform(operation, json: json, query: query)
        } catch let failure as PlannerSimulatorState.Failure {
            switch failure {
            case .badRequest(let message): return .json(["Message": message], status: 400)
            case .notFound: return .json(["Message": "Not found"], status: 404)
            case .conflict(let message): return .json(["Message": message], status: 409)
            }
        }
    }

    private func perform(_ operation: PlannerOperation, json: [String: Any], query: (String) -> String?) async throws -> SimulatorAnswer {
        func uuid(_ value: Any?) throws -> UUID {
            guard let text = value as? String, let id = UUID(uuidString: text) else {
                throw PlannerSimulatorState.Failure.badRequest("A required GUID is missing or malformed")
            }
            return id
        }
        func date(_ value: Any?) throws -> Date {
            guard let text = value as? String, let date = CopenhagenTime.parse(text) else {
                throw PlannerSimulatorState.Failure.badRequest("A required DateTime is missing or malformed")
            }
            return date
        }
        switch operation {
        case .personByCpr:
            let person = try await state.person(cpr: json["Cpr"] as? String ?? "", departmentId: try? uuid(json["DepartmentId"]))
            var dto: [String: Any] = [
                "Cpr": person.cpr, "DepartmentId": await state.data.rootDepartmentId.lowercasedText, "FirstName": person.firstName,
                "LastName": person.lastName, "PersonStatusId": person.personStatusId.lowercasedText,
                "AllowEmailNotification": person.allowEmailNotification, "AllowTextNotification": person.allowTextNotification,
            ]
            dto["EmailAddress"] = person.emailAddress
            dto["MobileNumber"] = person.mobileNumber
            return .json(dto)
        case .getMicrositeCategories:
            let nodes = try await state.micrositeCategories(
                personStatusId: try uuid(query("personStatusId")), micrositeId: try uuid(query("micrositeId")))
            var offers: [UUID: SimOffer] = [:]
            for offer in await state.data.offers { offers[offer.id] = offer }
            return .json(nodes.compactMap { Self.dto($0, parent: nil, offers: offers) })
        case .bookingOptions:
            let options = try await state.bookingOptions(
                personId: try uuid(query("personId")), offerId: try uuid(query("offerId")),
                start: try date(query("startTime")), end: try date(query("endTime")))
            return .json(options.map { option -> [String: Any] in
                ["DateTime": CopenhagenTime.local(option.time), "ResourceIds": option.resources.map(\.lowercasedText),
                 "TaskId": option.seatsLeft.map { "seats:\($0)" } ?? ""]
            })
        case .createBookingReservation:
            let booking = try await state.book(
                personId: try uuid(json["PersonId"]), offerId: try uuid(json["OfferId"]),
                start: try date(json["StartDateTime"]), resourceId: try uuid(json["ResourceId"]),
                departmentId: try? uuid(json["RootDepartmentId"]), reservation: true, isImmediate: false)
            return .json(["TaskPersonStatusLink": booking.id.lowercasedText])
        case .makeBooking:
            let booking = try await state.book(
                personId: try uuid(json["PersonId"]), offerId: try uuid(json["OfferId"]),
                start: try date(json["StartTime"]), resourceId: nil, departmentId: try? uuid(json["RootDepartmentId"]),
                reservation: false, isImmediate: json["IsImmediateBooking"] as? Bool ?? false)
            return .json(["BookingId": booking.id.lowercasedText])
        case .cancelBooking:
            try await state.cancel(
                bookingId: try uuid(json["BookingId"]), personStatusId: try uuid(json["PersonStatusId"]),
                departmentId: try? uuid(json["RootDepartmentId"]))
            return SimulatorAnswer(status: 204, body: [])
        case .confirmBookingReservation:
            try await state.confirm(bookingId: try uuid(json["BookingId"]), personStatusId: try uuid(json["PersonStatusId"]))
            return SimulatorAnswer(status: 204, body: [])
        case .getBookings:
            let bookings = try await state.bookings(
                personStatusId: try uuid(query("personStatusId")), departmentId: try? uuid(query("rootDepartmentId")))
            let resources = await state.data.resources
            let offers = await state.data.offers
            return .json(bookings.map { booking -> [String: Any] in
                [
                    "Id": booking.id.lowercasedText, "Title": booking.title, "StartTime": CopenhagenTime.local(booking.start),
                    "EndTime": CopenhagenTime.local(booking.end), "Status": booking.status, "Description": booking.description,
                    "ResourceDisplayName": resources.first { $0.id == booking.resourceId }?.displayName ?? "",
                    "ShowCaseWorkerName": offers.first { $0.id == booking.offerId }?.showCaseWorkerName ?? false,
                    "IsRecurring": false,
                ]
            })
        case .setCitizenInformations:
            let light = json["CitizenInformationLightExternalDto"] as? [String: Any] ?? [:]
            try await state.updateConsent(
                personId: try uuid(json["PersonId"]), departmentId: try? uuid(json["RootDepartmentId"]),
                email: light["EmailAddress"] as? String, mobile: light["MobileNumber"] as? String,
                allowText: light["AllowTextNotification"] as? Bool, allowEmail: light["AllowEmailNotification"] as? Bool)
            return SimulatorAnswer(status: 204, body: [])
        }
    }

    static func dto(_ node: SimCategoryNode, parent: UUID?, offers: [UUID: SimOffer]) -> [String: Any]? {
        switch node {
        case .category(let id, let title, let description, let children):
            return [
                "Id": id.lowercasedText, "ParentId": parent?.lowercasedText ?? NSNull(), "Title": title, "Description": description,
                "InformationText": "", "ExipryDate": NSNull(), "Type": 1, "ShowCaseWorkerName": false,
                "ShowHardwareResourceName": false,
                "CategoryOfferExternalDto": children.compactMap { dto($0, parent: id, offers: offers) },
            ]
        case .offer(let id):
            guard let offer = offers[id] else { return nil }
            return [
                "Id": id.lowercasedText, "ParentId": parent?.lowercasedText ?? NSNull(), "Title": offer.title, "Description": offer.description,
                "InformationText": "", "ExipryDate": offer.expiryDate.map(CopenhagenTime.local) ?? "9999-12-31T23:59:59",
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
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data("null".utf8)
        return SimulatorAnswer(status: status, body: Array(data))
    }
}

