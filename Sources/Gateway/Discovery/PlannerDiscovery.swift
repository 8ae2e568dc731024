import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// `jobnet-gateway discover`: onboarding a jobcenter's Planner, with read-only calls only.
///
/// In order:
/// 1. Planner's Swagger 2.0 catalogue (`swaggerPath`, Swashbuckle's `swagger/docs/v1` by default):
///    each of the nine operations found by its operation id, and where its method, path or a
///    parameter's place differs from Mappings/planner-api.yaml (`RouteAlignment`). The walk below uses
///    the catalogue's routes when there is one, so that it works before planner-api.yaml is aligned.
/// 2. PersonByCpr for the test citizen, GetMicrositeCategories for the microsite's offer tree.
/// 3. BookingOptions for each offer over the next `days` days (in calls of at most 28 days, a month under every reading).
/// 4. What the mappings lack (`MappingGaps`): offers without an entry, resources not in
///    caseworkers.yaml, as YAML to paste; and what the gateway would serve today for each offer.
/// Nothing is booked, cancelled or changed. The CPR is used for PersonByCpr only, never printed.
public struct PlannerDiscovery: Sendable {
    public var baseURL: String
    public var rootDepartmentId: UUID
    public var micrositeId: UUID
    public var cpr: CPR
    public var days: Int
    public var swaggerPath: String
    public var mappings: GatewayMappings
    public var transport: any PlannerTransport
    public var now: Date

    public init(
        baseURL: String, rootDepartmentId: UUID, micrositeId: UUID, cpr: CPR, days: Int = 31,
        swaggerPath: String = "swagger/docs/v1", mappings: GatewayMappings, transport: any PlannerTransport, now: Date = Date()
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.rootDepartmentId = rootDepartmentId
        self.micrositeId = micrositeId
        self.cpr = cpr
        self.days = days
        self.swaggerPath = swaggerPath
        self.mappings = mappings
        self.transport = transport
        self.now = now
    }

    /// What `discover` prints, and whether the mappings cover this Planner (exit status 0) or not (1).
    public struct Report: Sendable {
        public var text: String
        public var complete: Bool
        /// The proposed planner-api.yaml, when the catalogue was read.
        public var plannerAPI: String?
        /// The YAML to paste into offers.yaml and caseworkers.yaml (empty when nothing is missing).
        public var offersYAML: String
        public var caseworkersYAML: String
    }

    public struct Failure: Error, CustomStringConvertible {
        private let text: String
        public var description: String { text }

        init(description: String) {
            text = LogRedaction.scrub(description)
        }
    }

    public func run() async throws(Failure) -> Report {
        var text = "# jobnet-gateway discover: \(baseURL) (RootDepartmentId \(rootDepartmentId.lowercasedText), "
            + "MicrositeId \(micrositeId.lowercasedText)), \(CopenhagenTime.format(now))\n\n"
        // 1. The routes.
        var routes = mappings.routes
        var routesAligned = true
        var plannerAPI: String?
        do {
            let response = try await transport.perform(HTTPExchangeRequest(method: .get, url: baseURL + swaggerPath, body: nil))
            guard response.status == 200 else { throw SwaggerError.notJSON }
            let alignment = RouteAlignment(catalogue: try SwaggerCatalogue(json: response.body), current: mappings.routes)
            routes = alignment.proposed
            routesAligned = !alignment.differs && alignment.missing.isEmpty && alignment.refused.isEmpty
            plannerAPI = alignment.yaml
            text += "## Routes (\(swaggerPath))\n\n\(alignment.report)\n"
            if alignment.differs {
                text += "\nMappings/planner-api.yaml differs from the catalogue; proposed, to review:\n\n```yaml\n\(alignment.yaml)```\n"
            }
        } catch {
            // Unverified is not aligned: the exit status says the mappings are not known to cover this Planner.
            routesAligned = false
            text += "## Routes (\(swaggerPath))\n\nthe catalogue could not be read (\(error)): the routes are not verified, "
                + "and the walk uses Mappings/planner-api.yaml\n"
        }
        // 2. The citizen and the offers.
        let client = PlannerClient(
            configuration: .init(baseURL: baseURL, rootDepartmentId: rootDepartmentId, micrositeId: micrositeId, routes: routes),
            transport: transport)
        let person: PlannerPerson
        let tree: [PlannerCategoryOffer]
        do {
            guard let found = try await client.personByCpr(cpr.digits) else {
                throw Failure(description: "Planner does not know the test citizen (PersonByCpr 404)")
            }
            person = found
            tree = try await client.micrositeCategories(personStatusId: person.personStatusId)
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(description: "\(error)")
        }
        // An expired offer is never served (GetSelvbookingMoedetilbud leaves it out): nothing to map.
        let found = MappingGaps.FoundOffer.flatten(tree).filter { $0.offer.expiryDate.map { $0 > now } ?? true }
        // 3. The free times.
        var resources: [UUID: Set<UUID>] = [:]
        var freeTimes: [UUID: Int] = [:]
        var onlyUnmapped: [UUID: Int] = [:]
        let end = CopenhagenTime.adding(days: days, to: now)
        for entry in found {
            var start = now
            var options: [PlannerBookingOption] = []
            do {
                while start < end {
                    let chunkEnd = min(end, CopenhagenTime.adding(days: OperationContext.plannerMaximumWindowDays, to: start))
                    options += try await client.bookingOptions(
                        personId: person.personStatusId, offerId: entry.offer.id, start: start, end: chunkEnd)
                    start = chunkEnd
                }
            } catch {
                throw Failure(description: "BookingOptions for offer \(entry.offer.id.lowercasedText) failed: \(error)")
            }
            let id = entry.offer.id
            freeTimes[id] = options.count
            for option in options {
                resources[id, default: []].formUnion(option.resourceIds)
                if !option.resourceIds.isEmpty,
                    option.resourceIds.allSatisfy({ mappings.caseworkers[$0.lowercasedText] == nil })
                {
                    onlyUnmapped[id, default: 0] += 1
                }
            }
        }
        // 4. The gaps.
        let gaps = MappingGaps(
            offers: found, resources: resources, freeTimes: freeTimes, onlyUnmappedTimes: onlyUnmapped, mappings: mappings)
        text += "\n" + gaps.report
        let complete = gaps.complete && routesAligned
        text += complete
            ? "\nThe mappings cover this Planner.\n"
            : "\nThe mappings do not cover this Planner yet: paste the YAML above, fill every <FILL: …> field, then run check-mappings.\n"
        // Planner's own messages are printed as they came: no CPR-shaped run of digits leaves here.
        return Report(
            text: LogRedaction.scrub(text), complete: complete, plannerAPI: plannerAPI, offersYAML: gaps.offersYAML, caseworkersYAML: gaps.caseworkersYAML)
    }
}
