import Foundation
import Gateway
import Jobnet
import Planner
import PlannerSimulator
import Testing

/// `discover`: Planner's Swagger catalogue aligned with the route table, and the mapping gaps as YAML.
@Suite struct DiscoveryTests {
    func catalogue(of table: [PlannerOperation: PlannerRoute]) throws -> SwaggerCatalogue {
        try SwaggerCatalogue(json: PlannerSimulatorSwagger.document(routes: PlannerRoutes(routes: table), title: "Planner simulator"))
    }

    @Test func theSimulatorsCatalogueAlignsToTheRoutesItServes() throws {
        for table in [PlannerRoutes.defaults, PlannerRoutes.strictSimulator] {
            let routes = PlannerRoutes(routes: table)
            let alignment = RouteAlignment(catalogue: try catalogue(of: table), current: routes)
            #expect(!alignment.differs, "\(alignment.report)")
            #expect(alignment.proposed == routes)
            #expect(alignment.entries.allSatisfy { $0.outcome == .aligned && $0.notes.isEmpty }, "\(alignment.report)")
        }
    }

    @Test func theStrictSimulatorsCatalogueProposesItsRoutes() throws {
        let alignment = RouteAlignment(catalogue: try catalogue(of: PlannerRoutes.strictSimulator), current: PlannerRoutes())
        #expect(alignment.differs)
        #expect(alignment.proposed == PlannerRoutes(routes: PlannerRoutes.strictSimulator), "\(alignment.report)")
        let options = try #require(alignment.entries.first { $0.operation == .bookingOptions })
        #expect(options.summary == "BookingOptions: path ExternalBooking/BookingOptions → api/v2/offers/{offerId}/options; "
            + "OfferId travels in the path, not the query")
        let consent = try #require(alignment.entries.first { $0.operation == .setCitizenInformations })
        #expect(consent.differences.contains("RootDepartmentId travels in the query, not the body"))
        #expect(consent.differences.contains("PersonId travels in the path, not the body"))
    }

    @Test func theRenderedYAMLReadsBackAsTheProposedTable() throws {
        for table in [PlannerRoutes.defaults, PlannerRoutes.strictSimulator] {
            var current = PlannerRoutes()
            current.routes[.bookingOptions]?.timeoutMilliseconds = 5_000
            let alignment = RouteAlignment(catalogue: try catalogue(of: table), current: current)
            let parsed = try PlannerRoutes.parse(yaml: alignment.yaml, file: "planner-api.yaml")
            #expect(parsed == alignment.proposed, "\(alignment.yaml)")
            #expect(parsed[.bookingOptions]?.timeoutMilliseconds == 5_000, "the current route's timeout is kept")
            #expect(alignment.yaml.hasPrefix("# Planner.External.Api routes"))
        }
        // The shipped file is the defaults.
        let shipped = try String(contentsOfFile: repositoryRoot + "/Mappings/planner-api.yaml", encoding: .utf8)
        #expect(try PlannerRoutes.parse(yaml: shipped, file: "planner-api.yaml") == PlannerRoutes())
    }

    @Test func aRouteWithTheCPRInAURLIsRefusedInTheFile() throws {
        let text = "routes:\n  PersonByCpr: {method: POST, path: api/persons/lookup, query: [cpr]}\n"
        do {
            _ = try PlannerRoutes.parse(yaml: text, file: "planner-api.yaml")
            Issue.record("a CPR in the query was accepted")
        } catch {
            #expect(error.message.contains("Cpr must travel in the body"), "\(error)")
            #expect(error.line != nil)
        }
    }

    /// Swashbuckle-style, with Planner's basePath: PersonByCpr takes the CPR in the query.
    static let cprInTheQuery = """
        {
          "swagger": "2.0",
          "info": {"version": "v1", "title": "Planner.External.Api"},
          "basePath": "/Planner.External.Api",
          "paths": {
            "/api/persons/lookup": {
              "post": {
                "tags": ["ExternalPerson"],
                "operationId": "ExternalPerson_GetPersonByCpr",
                "consumes": ["application/json"],
                "produces": ["application/json"],
                "parameters": [
                  {"name": "cpr", "in": "query", "required": true, "type": "string"},
                  {"name": "request", "in": "body", "required": true, "schema": {"$ref": "#/definitions/PersonLookupRequest"}}
                ],
                "responses": {"200": {"description": "OK"}}
              }
            },
            "/api/offers/{offerId}/options": {
              "get": {
                "tags": ["ExternalBooking"],
                "operationId": "ExternalBooking_BookingOptions",
                "parameters": [
                  {"name": "offerId", "in": "path", "required": true, "type": "string", "format": "uuid"},
                  {"name": "personId", "in": "query", "required": true, "type": "string", "format": "uuid"},
                  {"name": "startTime", "in": "query", "required": true, "type": "string", "format": "date-time"},
                  {"name": "endTime", "in": "query", "required": true, "type": "string", "format": "date-time"}
                ],
                "responses": {"200": {"description": "OK"}}
              }
            }
          },
          "definitions": {
            "PersonLookupRequest": {"type": "object", "properties": {"DepartmentId": {"type": "string", "format": "uuid"}}}
          }
        }
        """

    @Test func aCatalogueThatPutsTheCPRInAURLIsRefused() throws {
        let catalogue = try SwaggerCatalogue(json: Array(Self.cprInTheQuery.utf8))
        #expect(catalogue.basePath == "/Planner.External.Api")
        #expect(catalogue.operations["ExternalBooking_BookingOptions"]?.path == "api/offers/{offerId}/options")
        let alignment = RouteAlignment(catalogue: catalogue, current: PlannerRoutes())

        let person = try #require(alignment.entries.first { $0.operation == .personByCpr })
        #expect(person.refusal?.contains("Cpr") == true, "\(alignment.report)")
        #expect(person.proposed == PlannerRoutes.defaults[.personByCpr])
        #expect(person.catalogueRoute == PlannerRoute(method: .post, path: "api/persons/lookup", query: ["cpr"]))
        #expect(alignment.report.contains("PersonByCpr: REFUSED"))

        let options = try #require(alignment.entries.first { $0.operation == .bookingOptions })
        #expect(options.proposed == PlannerRoute(method: .get, path: "api/offers/{offerId}/options"))
        // The others are not in this catalogue: reported, and kept.
        let getBookings = try #require(alignment.entries.first { $0.operation == .getBookings })
        #expect(!getBookings.found)
        #expect(getBookings.proposed == PlannerRoutes.defaults[.getBookings])
        #expect(alignment.missing.count == PlannerOperation.allCases.count - 2)
        #expect(alignment.yaml.contains("basePath is /Planner.External.Api"))
    }

    @Test func notACatalogue() {
        #expect(throws: SwaggerError.notJSON) { try SwaggerCatalogue(json: Array("<html>Swagger UI</html>".utf8)) }
        #expect(throws: SwaggerError.notSwagger2) { try SwaggerCatalogue(json: Array(#"{"openapi": "3.0.1", "paths": {}}"#.utf8)) }
    }

    // MARK: - Mapping gaps

    func copyOfMappings() throws -> String {
        let directory = NSTemporaryDirectory() + "jobnet-gateway-discovery-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Mappings", toPath: directory)
        return directory
    }

    func append(_ snippet: String, to path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + (text.hasSuffix("\n") ? "" : "\n") + snippet).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Every `key: "<FILL: …>"` given a valid value for its key.
    func filledIn(_ snippet: String) -> String {
        let values = ["interviewType": "7", "identifier": "\"CVR:12345678-RID:4242\"", "givenName": "Karen", "surname": "Blixen"]
        var text = snippet
        while let fill = text.range(of: "\"<FILL") {
            guard let close = text.range(of: ">\"", range: fill.upperBound..<text.endIndex) else { break }
            let key = String(text[..<fill.lowerBound].dropLast(2).reversed().prefix { $0.isLetter }.reversed())
            text.replaceSubrange(fill.lowerBound..<close.upperBound, with: values[key] ?? "x")
        }
        return text
    }

    @Test func gapsBecomeSnippetsThatLoadOnceFilledIn() throws {
        let mappings = try GatewayMappings.load(directory: repositoryRoot + "/Mappings")
        let jobsamtale = UUID(uuidString: "c0000000-0000-4000-8000-000000000001")!
        let mette = UUID(uuidString: "b0000000-0000-4000-8000-000000000001")!
        let newOffer = UUID()
        let newResource = UUID()
        func offer(_ id: UUID, _ title: String, parent: UUID?) -> PlannerCategoryOffer {
            PlannerCategoryOffer(
                id: id, parentId: parent, title: title, description: "", informationText: "", expiryDate: nil,
                kind: .bookingOffer, showCaseWorkerName: true, children: [])
        }
        let categoryId = UUID()
        let tree = PlannerCategoryOffer(
            id: categoryId, parentId: nil, title: "Samtaler", description: "", informationText: "", expiryDate: nil,
            kind: .category, showCaseWorkerName: true,
            children: [offer(jobsamtale, "Jobsamtale", parent: categoryId), offer(newOffer, "Karrieresamtale", parent: categoryId)])
        let found = MappingGaps.FoundOffer.flatten([tree])
        #expect(found.map(\.offer.id) == [jobsamtale, newOffer])
        #expect(found.map(\.category) == ["Samtaler", "Samtaler"])
        let availability: [UUID: MappingGaps.Availability] = [
            jobsamtale: MappingGaps.Availability(resources: [mette], freeTimes: 10, freeTimesOnlyUnmapped: 0),
            newOffer: MappingGaps.Availability(resources: [mette, newResource], freeTimes: 6, freeTimesOnlyUnmapped: 2),
        ]

        let gaps = MappingGaps(offers: found, availability: availability, mappings: mappings)
        #expect(!gaps.complete)
        #expect(gaps.missingOffers.map(\.offer.id) == [newOffer])
        #expect(gaps.missingResources.map(\.id) == [newResource])
        #expect(gaps.missingResources.first?.proposedNumericId == 5, "the next after caseworkers.yaml's highest id, 4")
        #expect(gaps.summaries.map(\.source) == [.offer, .defaults])
        #expect(gaps.offersYAML.contains("<FILL"))
        #expect(gaps.caseworkersYAML.contains("<FILL"))
        #expect(gaps.offersYAML.contains("Karrieresamtale"))
        #expect(gaps.report.contains("2 only via unmapped resources"))

        // Pasted as they are, check-mappings refuses them with the file and the line.
        for (file, snippet) in [("offers.yaml", gaps.offersYAML), ("caseworkers.yaml", gaps.caseworkersYAML)] {
            let directory = try copyOfMappings()
            try append(snippet, to: directory + "/" + file)
            do {
                _ = try GatewayMappings.load(directory: directory)
                Issue.record("an unfilled \(file) snippet was accepted")
            } catch {
                let problem = error.errors.first { $0.file.hasSuffix(file) && $0.message.contains("fill in this field") }
                #expect(problem != nil, "\(error)")
                #expect(problem?.line != nil)
            }
        }

        // Filled in, they load, and nothing is missing any more.
        let directory = try copyOfMappings()
        try append(filledIn(gaps.offersYAML), to: directory + "/offers.yaml")
        try append(filledIn(gaps.caseworkersYAML), to: directory + "/caseworkers.yaml")
        let completed = try GatewayMappings.load(directory: directory)
        #expect(completed.offers[newOffer.lowercasedText]?.interviewTypeIdentifier == 7)
        #expect(completed.caseworkers[newResource.lowercasedText]?.numericId == 5)
        let after = MappingGaps(offers: found, availability: availability, mappings: completed)
        #expect(after.complete, "\(after.report)")
    }
}

/// `jobnet-gateway discover` as an operator runs it, against the strict simulator with ids the shipped
/// Mappings/ do not know: it finds what is missing and exits 1; with its YAML pasted and filled in, and
/// its planner-api.yaml in place, check-mappings passes and discover exits 0.
@Suite struct DiscoverCommandTests {
    static let binary = repositoryRoot + "/.build/debug/jobnet-gateway"

    /// The lines after `marker` up to the first empty line.
    static func block(after marker: String, in output: String) -> String {
        guard let range = output.range(of: marker + "\n") else { return "" }
        return output[range.upperBound...].components(separatedBy: "\n\n").first.map { $0 + "\n" } ?? ""
    }

    /// Every `"<FILL: …>"` replaced by a value an operator might write.
    static func filled(_ snippet: String) -> String {
        var rid = 7000
        return snippet.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var text = String(line)
            text = text.replacingOccurrences(
                of: #"interviewType: "<FILL:[^"]*>""#, with: "interviewType: 9", options: .regularExpression)
            while let range = text.range(of: #"identifier: "<FILL:[^"]*>""#, options: .regularExpression) {
                rid += 1
                text.replaceSubrange(range, with: "identifier: \"CVR:12345678-RID:\(rid)\"")
            }
            return text.replacingOccurrences(of: #""<FILL:[^"]*>""#, with: "Test", options: .regularExpression)
        }.joined(separator: "\n")
    }

    @Test func discoverFindsWhatTheMappingsLackAndIsSatisfiedOnceItIsPasted() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "make test builds the executable first")
        let data = UnknownPlannerTests.data
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: data), style: .strict)
        try await simulator.start()
        defer { Task { await simulator.stop() } }
        let mappings = try MappingReloadTests.copyOfTheMappings(from: repositoryRoot + "/Mappings")
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        let proposed = mappings + "/proposed-planner-api.yaml"
        let arguments = [
            "discover", "--planner", await simulator.baseURL, "--root-department-id", data.rootDepartmentId.uuidString,
            "--microsite-id", data.micrositeId.uuidString, "--cpr", UnknownPlannerTests.gitte, "--mappings", mappings,
            "--days", "14", "--write-planner-api", proposed,
        ]

        let (first, output) = try await run(Self.binary, arguments)
        #expect(first == 1, "\(output)")
        for id in data.offers.map(\.id) + data.resources.filter({ $0.displayName != "Lokale 3" }).map(\.id) {
            #expect(output.contains(id.uuidString.lowercased()), "\(id) in\n\(output)")
        }
        #expect(output.contains("<FILL"))
        #expect(!output.contains(UnknownPlannerTests.gitte), "no CPR in the report")
        // The routes: the strict simulator's, read from its Swagger document.
        #expect(try PlannerRoutes.parse(yaml: String(contentsOfFile: proposed, encoding: .utf8), file: proposed)
            == PlannerRoutes(routes: PlannerRoutes.strictSimulator))
        #expect(try PlannerRoutes.parse(
            yaml: String(contentsOfFile: repositoryRoot + "/Tests/Tools/strict/planner-api.yaml", encoding: .utf8), file: "strict")
            == PlannerRoutes(routes: PlannerRoutes.strictSimulator))

        // The operator pastes and fills in.
        let offers = Self.block(after: "Paste under `offers:` in offers.yaml:", in: output)
        let caseworkers = Self.block(after: "Paste under `caseworkers:` in caseworkers.yaml:", in: output)
        #expect(offers.contains("<FILL") && caseworkers.contains("<FILL"), "\(output)")
        for (file, snippet) in [("offers.yaml", offers), ("caseworkers.yaml", caseworkers)] {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: mappings + "/" + file))
            handle.seekToEndOfFile()
            handle.write(Data(("\n" + Self.filled(snippet)).utf8))
            try handle.close()
        }
        try FileManager.default.removeItem(atPath: mappings + "/planner-api.yaml")
        try FileManager.default.moveItem(atPath: proposed, toPath: mappings + "/planner-api.yaml")
        let (checked, checkOutput) = try await run(Self.binary, ["check-mappings", "--mappings", mappings])
        #expect(checked == 0, "\(checkOutput)")

        let (second, secondOutput) = try await run(Self.binary, Array(arguments.dropLast(2)))
        #expect(second == 0, "\(secondOutput)")
        #expect(secondOutput.contains("The mappings cover this Planner."))
    }
}

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
