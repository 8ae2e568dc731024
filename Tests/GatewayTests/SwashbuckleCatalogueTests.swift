import Foundation
import Gateway
import Jobnet
import Planner
import PlannerSimulator
import Testing

/// A catalogue written as Swashbuckle writes an ASP.NET Web API's, by hand: not generated from a route
/// table, so the alignment is held against a document the gateway's own code did not produce.
@Suite struct SwashbuckleCatalogueTests {
    static let document = #"""
    {
      "swagger": "2.0",
      "info": {"version": "v1", "title": "Planner.External.Api"},
      "host": "preprod.workforce-planner.dk",
      "basePath": "/Planner.External.Api",
      "schemes": ["https"],
      "paths": {
        "/api/ExternalPerson/GetPersonByCpr": {"post": {"tags": ["ExternalPerson"], "operationId": "ExternalPerson_GetPersonByCpr",
          "consumes": ["application/json"], "produces": ["application/json"],
          "parameters": [{"name": "request", "in": "body", "required": true, "schema": {"$ref": "#/definitions/PersonByCprRequest"}}],
          "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/PersonResponseDto"}}}}},
        "/api/ExternalBooking/GetMicrositeCategories": {"get": {"tags": ["ExternalBooking"], "operationId": "ExternalBooking_GetMicrositeCategories",
          "parameters": [{"name": "request.personStatusId", "in": "query", "required": true, "type": "string", "format": "uuid"},
                         {"name": "request.micrositeId", "in": "query", "required": true, "type": "string", "format": "uuid"}],
          "responses": {"200": {"description": "OK"}}}},
        "/api/ExternalBooking/BookingOptions/{offerId}": {"get": {"tags": ["ExternalBooking"], "operationId": "ExternalBooking_BookingOptions",
          "parameters": [{"name": "offerId", "in": "path", "required": true, "type": "string", "format": "uuid"},
                         {"name": "PersonId", "in": "query", "required": true, "type": "string", "format": "uuid"},
                         {"name": "StartTime", "in": "query", "required": true, "type": "string", "format": "date-time"},
                         {"name": "EndTime", "in": "query", "required": true, "type": "string", "format": "date-time"},
                         {"name": "ResourceId", "in": "query", "required": false, "type": "string", "format": "uuid"}],
          "responses": {"200": {"description": "OK"}}}},
        "/api/ExternalBooking/CreateBookingReservation": {"post": {"operationId": "ExternalBooking_CreateBookingReservation",
          "parameters": [{"name": "dto", "in": "body", "required": true, "schema": {"$ref": "#/definitions/BookingReservationExternalDto"}}],
          "responses": {"200": {"description": "OK"}}}},
        "/api/ExternalBooking/MakeBooking": {"post": {"operationId": "ExternalBooking_MakeBooking",
          "parameters": [{"name": "request", "in": "body", "required": true, "schema": {"$ref": "#/definitions/MakeBookingRequest"}}],
          "responses": {"200": {"description": "OK"}}}},
        "/api/ExternalBooking/CancelBooking": {"post": {"operationId": "ExternalBooking_CancelBooking",
          "parameters": [{"name": "request", "in": "body", "required": true, "schema": {"$ref": "#/definitions/CancelBookingRequest"}}],
          "responses": {"204": {"description": "No Content"}}}},
        "/api/ExternalBooking/ConfirmBookingReservation": {"post": {"operationId": "ExternalBooking_ConfirmBookingReservation",
          "parameters": [{"name": "request", "in": "body", "required": true, "schema": {"$ref": "#/definitions/ConfirmRequest"}}],
          "responses": {"204": {"description": "No Content"}}}},
        "/api/ExternalBooking/GetBookings": {"get": {"operationId": "ExternalBooking_GetBookings",
          "parameters": [{"name": "personStatusId", "in": "query", "required": true, "type": "string", "format": "uuid"},
                         {"name": "rootDepartmentId", "in": "query", "required": true, "type": "string", "format": "uuid"}],
          "responses": {"200": {"description": "OK"}}}},
        "/api/ExternalPerson/UpdateNotificationConsent": {"post": {"operationId": "ExternalPerson_UpdateNotificationConsent",
          "parameters": [{"name": "request", "in": "body", "required": true, "schema": {"$ref": "#/definitions/UpdateConsentRequest"}}],
          "responses": {"204": {"description": "No Content"}}}},
        "/Arrival/ByResourceId": {"get": {"operationId": "Arrival_GetArrivalsOnDateForResource",
          "parameters": [{"name": "resourceId", "in": "query", "required": true, "type": "string"}], "responses": {"200": {"description": "OK"}}}}
      },
      "definitions": {
        "PersonByCprRequest": {"type": "object", "properties": {"DepartmentId": {"type": "string", "format": "uuid"}, "Cpr": {"type": "string"}}},
        "PersonResponseDto": {"type": "object", "properties": {"Cpr": {"type": "string"}}},
        "BookingReservationExternalDto": {"type": "object", "properties": {"OfferId": {"type": "string"}, "StartDateTime": {"type": "string"},
          "EndDateTime": {"type": "string"}, "ResourceId": {"type": "string"}, "PersonId": {"type": "string"}, "RootDepartmentId": {"type": "string"}}},
        "MakeBookingRequest": {"type": "object", "properties": {"PersonId": {"type": "string"}, "OfferId": {"type": "string"},
          "StartTime": {"type": "string"}, "EndDateTime": {"type": "string"}, "RootDepartmentId": {"type": "string"},
          "PersonGroupId": {"type": "string"}, "DurationInMinutes": {"type": "integer"}, "TaskId": {"type": "string"},
          "IsImmediateBooking": {"type": "boolean"}, "DisableAvailableTimeCalculations": {"type": "boolean"},
          "CaseWorkerImpersonation": {"type": "string"}, "BookingMessageForCaseworker": {"type": "string"}}},
        "CancelBookingRequest": {"type": "object", "properties": {"BookingId": {"type": "string"}, "PersonStatusId": {"type": "string"},
          "RootDepartmentId": {"type": "string"}}},
        "ConfirmRequest": {"type": "object", "properties": {"BookingId": {"type": "string"}, "PersonStatusId": {"type": "string"}}},
        "UpdateConsentRequest": {"type": "object", "properties": {"PersonId": {"type": "string"}, "RootDepartmentId": {"type": "string"},
          "CitizenInformationLightExternalDto": {"$ref": "#/definitions/CitizenInformationLightExternalDto"}}},
        "CitizenInformationLightExternalDto": {"type": "object", "properties": {"EmailAddress": {"type": "string"}}}
      }
    }
    """#

    @Test func aSwashbuckleCatalogueGivesTheRoutesItDescribes() throws {
        let catalogue = try SwaggerCatalogue(json: Array(Self.document.utf8))
        let alignment = RouteAlignment(catalogue: catalogue, current: PlannerRoutes())
        #expect(alignment.missing.isEmpty && alignment.refused.isEmpty, "\(alignment.report)")
        let routes = alignment.proposed
        #expect(routes[.personByCpr] == PlannerRoute(method: .post, path: "api/ExternalPerson/GetPersonByCpr"))
        #expect(routes[.getMicrositeCategories] == PlannerRoute(method: .get, path: "api/ExternalBooking/GetMicrositeCategories"))
        let options = try #require(routes[.bookingOptions])
        #expect(options.method == .get && options.path == "api/ExternalBooking/BookingOptions/{offerId}")
        #expect(options.location(of: "OfferId") == .path)
        for name in ["PersonId", "StartTime", "EndTime"] { #expect(options.location(of: name) == .query) }
        #expect(routes[.makeBooking] == PlannerRoute(method: .post, path: "api/ExternalBooking/MakeBooking"))
        #expect(routes[.getBookings] == PlannerRoute(method: .get, path: "api/ExternalBooking/GetBookings"))
        #expect(routes[.setCitizenInformations] == PlannerRoute(method: .post, path: "api/ExternalPerson/UpdateNotificationConsent"))
        #expect(alignment.differs)
        // The file it writes reads back as the same table, and loads as a mappings file would.
        #expect(try PlannerRoutes.parse(yaml: alignment.yaml, file: "proposed") == routes)
    }

    @Test func theGatewayCallsThoseRoutesWithTheParametersWhereTheCatalogueSaysTheyGo() async throws {
        // The demo simulator serving the routes this catalogue describes: the whole client works on them.
        let routes = RouteAlignment(catalogue: try SwaggerCatalogue(json: Array(Self.document.utf8)), current: PlannerRoutes()).proposed
        let state = PlannerSimulatorState(data: DemoData.make())
        let client = PlannerClient(
            configuration: .init(baseURL: "http://planner.invalid/", rootDepartmentId: DemoData.rootDepartmentId,
                                 micrositeId: DemoData.micrositeId, routes: routes),
            transport: PlannerSimulatorTransport(state: state, routes: routes, style: .strict))
        let person = try #require(try await client.personByCpr(DemoData.Citizen.anna))
        #expect(!(try await client.micrositeCategories(personStatusId: person.personStatusId)).isEmpty)
        let start = Date().addingTimeInterval(2 * 86_400)
        let options = try await client.bookingOptions(
            personId: person.personStatusId, offerId: DemoData.Offer.cvSamtale, start: start, end: start.addingTimeInterval(7 * 86_400))
        let first = try #require(options.min { $0.dateTime < $1.dateTime })
        let booking = try await client.makeBooking(PlannerMakeBookingRequest(
            personId: person.personStatusId, offerId: DemoData.Offer.cvSamtale, startTime: first.dateTime, isImmediateBooking: false))
        #expect(try await client.bookings(personStatusId: person.personStatusId).contains { $0.id == booking })
        try await client.cancelBooking(bookingId: booking, personStatusId: person.personStatusId)
        try await client.setCitizenInformations(personId: person.personStatusId, information: PlannerCitizenInformation(
            emailAddress: "anna@example.invalid", mobileNumber: nil, allowTextNotification: nil, allowEmailNotification: true))
        #expect(await state.calls.count == 7)
    }
}
