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
