import Foundation
import Planner

/// What Planner offers that Mappings/ does not cover yet: booking offers without an entry in
/// offers.yaml and resources (caseworkers) without an entry in caseworkers.yaml, as YAML to paste,
/// and per offer a summary for a human.
///
/// An offer without an entry is served with `defaults`, and a free time only unmapped resources hold
/// is never shown to a citizen: both are silent until someone asks why Jobnet shows less than
/// Planner. The snippets mark every value only an operator can know as `"<FILL: …>"`, which
/// check-mappings refuses, so a pasted but unfinished snippet cannot go live.
public struct MappingGaps: Sendable {
    /// A booking offer GetMicrositeCategories returned, with the title of the category it was found under.
    public struct FoundOffer: Sendable, Equatable {
        public var offer: PlannerCategoryOffer
        /// The title of the nearest enclosing category; nil for an offer at the top level.
        public var category: String?

        public init(offer: PlannerCategoryOffer, category: String?) {
            self.offer = offer
            self.category = category
        }

        /// Every booking offer in the category trees, depth first, each with its nearest category's title.
        public static func flatten(_ trees: [PlannerCategoryOffer]) -> [FoundOffer] {
            var found: [FoundOffer] = []
            func walk(_ node: PlannerCategoryOffer, under title: String?) {
                if node.kind == .bookingOffer { found.append(FoundOffer(offer: node, category: title)) }
                for child in node.children { walk(child, under: node.kind == .category ? node.title : title) }
            }
            for tree in trees { walk(tree, under: nil) }
            return found
        }
    }

    /// What BookingOptions showed for one offer in the discovery window.
    public struct Availability: Sendable, Equatable {
        /// Every resource that held a free time.
        public var resources: Set<UUID>
        public var freeTimes: Int
        /// Free times that only resources without an entry in caseworkers.yaml hold: served, under
        /// CaseWorkerIDs of the gateway's own, but no citizen can choose their caseworker.
        public var freeTimesOnlyUnmapped: Int

        public init(resources: Set<UUID>, freeTimes: Int, freeTimesOnlyUnmapped: Int) {
            self.resources = resources
            self.freeTimes = freeTimes
            self.freeTimesOnlyUnmapped = freeTimesOnlyUnmapped
        }

        /// Counts an offer's BookingOptions answer against the caseworkers mapped (keyed by lower-case resource id).
        public init(options: [PlannerBookingOption], caseworkers: [String: CaseworkerMapping]) {
            var resources: Set<UUID> = []
            var onlyUnmapped = 0
            for option in options {
                resources.formUnion(option.resourceIds)
                if !option.resourceIds.isEmpty, option.resourceIds.allSatisfy({ caseworkers[$0.lowercasedText] == nil }) {
                    onlyUnmapped += 1
                }
            }
            self.init(resources: resources, freeTimes: options.count, freeTimesOnlyUnmapped: onlyUnmapped)
        }
    }

    /// One offer, for a human.
    public struct OfferSummary: Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var category: String?
        /// Mapped by its own entry in offers.yaml, or served with the defaults.
        public var source: OfferMapping.Source
        /// Nil when BookingOptions was not asked (or failed) for the offer.
        public var availability: Availability?
        /// Resources in its free times without an entry in caseworkers.yaml, by id text.
        public var unmappedResources: [UUID]

        public var line: String {
            var text = "\(id.lowercasedText)  \(title.oneLine)"
            if let category { text += " (under \(category.oneLine))" }
            text += source == .offer ? ": its own entry" : ": no entry, served with the defaults"
            if let availability {
                text += "; \(availability.freeTimes) free time\(availability.freeTimes == 1 ? "" : "s") in the window"
                if availability.freeTimesOnlyUnmapped > 0 {
                    text += ", \(availability.freeTimesOnlyUnmapped) only via unmapped resources (served under the gateway's own CaseWorkerIDs, without a choice of caseworker)"
                }
                if !unmappedResources.isEmpty {
                    text += "; \(unmappedResources.count) unmapped resource\(unmappedResources.count == 1 ? "" : "s")"
                }
            } else {
                text += "; free times not known (BookingOptions not asked, or it failed)"
            }
            return text
        }
    }

    /// A resource seen in BookingOptions without an entry in caseworkers.yaml.
    public struct MissingResource: Sendable, Equatable {
        public var id: UUID
        /// The numeric id the snippet proposes: the next free one after the highest below 900000.
        public var proposedNumericId: Int
        /// The titles (or ids) of the offers in whose free times it was seen.
        public var seenIn: [String]
    }

    public var summaries: [OfferSummary]
    /// Found offers without an entry in offers.yaml, in the order found.
    public var missingOffers: [FoundOffer]
    public var missingResources: [MissingResource]
    /// Offer ids with an entry in offers.yaml that the microsite did not list (expired or moved, perhaps).
    public var unlistedOfferEntries: [String]

    /// From what `discover` gathered: per offer id, the resources seen in its free times, the number
    /// of free times, and how many of them only unmapped resources hold. An offer BookingOptions was
    /// not asked about (or failed for) has no `freeTimes` entry.
    public init(
        offers: [FoundOffer], resources: [UUID: Set<UUID>], freeTimes: [UUID: Int], onlyUnmappedTimes: [UUID: Int],
        mappings: GatewayMappings
    ) {
        var availability: [UUID: Availability] = [:]
        for (offer, count) in freeTimes {
            availability[offer] = Availability(
                resources: resources[offer] ?? [], freeTimes: count, freeTimesOnlyUnmapped: onlyUnmappedTimes[offer] ?? 0)
        }
        for (offer, seen) in resources where availability[offer] == nil {
            availability[offer] = Availability(resources: seen, freeTimes: 0, freeTimesOnlyUnmapped: onlyUnmappedTimes[offer] ?? 0)
        }
        self.init(offers: offers, availability: availability, mappings: mappings)
    }

    public init(offers: [FoundOffer], availability: [UUID: Availability], mappings: GatewayMappings) {
        var seenOffers: Set<UUID> = []
        let unique = offers.filter { seenOffers.insert($0.offer.id).inserted }
        let titles = Dictionary(uniqueKeysWithValues: unique.map { ($0.offer.id, $0.offer.title.oneLine) })
        func isMapped(_ resource: UUID) -> Bool { mappings.caseworkers[resource.lowercasedText] != nil }

        summaries = unique.map { found in
            let seen = availability[found.offer.id]
            return OfferSummary(
                id: found.offer.id, title: found.offer.title, category: found.category,
                source: mappings.offers[found.offer.id.lowercasedText] == nil ? .defaults : .offer,
                availability: seen,
                unmappedResources: (seen?.resources ?? []).filter { !isMapped($0) }.sorted { $0.lowercasedText < $1.lowercasedText })
        }
        missingOffers = unique.filter { mappings.offers[$0.offer.id.lowercasedText] == nil }
        unlistedOfferEntries = mappings.offers.keys.filter { key in !unique.contains { $0.offer.id.lowercasedText == key } }.sorted()

        // Offers in the order found, then any others BookingOptions was asked about; resources by id text.
        let others: [UUID] = availability.keys.filter { titles[$0] == nil }.sorted { $0.lowercasedText < $1.lowercasedText }
        let offerOrder: [UUID] = unique.map(\.offer.id) + others
        var order: [UUID] = []
        var seenIn: [UUID: [String]] = [:]
        for offer in offerOrder {
            let resources = (availability[offer]?.resources ?? []).filter { !isMapped($0) }
            for resource in resources.sorted(by: { $0.lowercasedText < $1.lowercasedText }) {
                if seenIn[resource] == nil { order.append(resource) }
                seenIn[resource, default: []].append(titles[offer] ?? offer.lowercasedText)
            }
        }
        var used = Set(mappings.caseworkers.values.map(\.numericId))
        // Ids from UnmappedCaseworkers.firstId up are the gateway's own, for resources caseworkers.yaml does not map.
        var next = (used.filter { $0 < UnmappedCaseworkers.firstId }.max() ?? 0) + 1
        missingResources = order.map { resource in
            while used.contains(next) { next += 1 }
            used.insert(next)
            defer { next += 1 }
            return MissingResource(id: resource, proposedNumericId: next, seenIn: seenIn[resource] ?? [])
        }
        defaults = mappings.defaults
    }

    /// The offers.yaml defaults, whose values the offer snippets propose for an operator to confirm.
    private var defaults: OfferMapping

    /// Every offer has an entry and every resource seen has one: nothing to paste.
    public var complete: Bool { missingOffers.isEmpty && missingResources.isEmpty }

    /// Entries to paste under `offers:` in offers.yaml ("" when none is missing).
    public var offersYAML: String {
        guard !missingOffers.isEmpty else { return "" }
        let form = defaults.joint ? "joint" : "individual"
        let samtaleformer = "[" + defaults.samtaleformer.map { RouteAlignment.yamlScalar($0) }.joined(separator: ", ") + "]"
        var lines = [
            "  # Proposed by `jobnet-gateway discover`: replace every FILL value (check-mappings refuses them until then)",
            "  # and confirm the values taken from `defaults`.",
        ]
        for found in missingOffers {
            var comment = found.offer.title.oneLine
            if let category = found.category { comment += " (under \(category.oneLine))" }
            lines += [
                "  \(found.offer.id.lowercasedText):   # \(comment)",
                "    interviewType: \"<FILL: InterviewTypeIdentifier, e.g. 7 Jobsamtale>\"",
                Self.commented("    meetingForm: \(form)", "the defaults' value: individual or joint"),
                Self.commented("    samtaleformer: \(samtaleformer)", "the defaults' value: names from code-lists.yaml"),
                Self.commented("    durationMinutes: \(defaults.durationMinutes)", "the defaults' value: 1-1440"),
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Entries to paste under `caseworkers:` in caseworkers.yaml ("" when none is missing).
    public var caseworkersYAML: String {
        guard !missingResources.isEmpty else { return "" }
        var lines = [
            "  # Proposed by `jobnet-gateway discover`: replace every FILL value (check-mappings refuses them until then).",
        ]
        for resource in missingResources {
            lines.append(
                "  \(resource.id.lowercasedText): {id: \(resource.proposedNumericId), "
                    + "identifier: \"<FILL: the caseworker's RID, e.g. CVR:12345678-RID:1234>\", "
                    + "givenName: \"<FILL: the caseworker's given name>\", surname: \"<FILL: the caseworker's surname>\"}"
                    + "   # seen in the free times of \(resource.seenIn.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// For a human: each offer, the resources, and the snippets to paste.
    public var report: String {
        var lines: [String] = []
        lines.append("Booking offers: \(summaries.count), \(missingOffers.count) without an entry in offers.yaml")
        lines += summaries.map { "  " + $0.line }
        if !unlistedOfferEntries.isEmpty {
            lines.append("offers.yaml has entries for offers the microsite did not list: \(unlistedOfferEntries.joined(separator: ", "))")
        }
        lines.append("Resources without an entry in caseworkers.yaml: \(missingResources.count)")
        lines += missingResources.map { "  \($0.id.lowercasedText): seen in \($0.seenIn.joined(separator: ", "))" }
        if !missingOffers.isEmpty {
            lines += ["", "Paste under `offers:` in offers.yaml:", offersYAML]
        }
        if !missingResources.isEmpty {
            lines += ["", "Paste under `caseworkers:` in caseworkers.yaml:", caseworkersYAML]
        }
        lines.append(complete ? "Mappings cover every offer and resource seen." : "Mappings are incomplete.")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func commented(_ line: String, _ comment: String) -> String {
        line + String(repeating: " ", count: max(1, 40 - line.count)) + "# " + comment
    }
}

extension String {
    /// On one line, for a summary or a YAML comment.
    fileprivate var oneLine: String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
