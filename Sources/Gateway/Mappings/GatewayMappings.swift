import Foundation
import Jobnet
import Planner

/// The translation as data, loaded from the Mappings/ directory and checked as a whole.
///
/// - `planner-api.yaml`: Planner's routes.
/// - `star-errors.yaml`: STAR's error catalogue and each operation's codes.
/// - `offers.yaml`: per Planner offer, what Jobnet needs that Planner does not say; `defaults` for the rest.
/// - `caseworkers.yaml`: per Planner resource, the caseworker's numeric id, RID and names.
/// - `code-lists.yaml`: code-list ids STAR does not publish.
public struct GatewayMappings: Sendable {
    public var routes: PlannerRoutes
    public var catalogue: StarErrorCatalogue
    public var defaults: OfferMapping
    /// By Planner offer id, lower-case.
    public var offers: [String: OfferMapping]
    /// By Planner resource id, lower-case.
    public var caseworkers: [String: CaseworkerMapping]
    public var codeLists: CodeLists

    /// The mapping for a Planner offer: its own entry, or the defaults (the mapping log says which).
    public func offer(_ id: UUID) -> OfferMapping {
        offers[id.lowercasedText] ?? defaults
    }

    public func caseworker(resource id: UUID) -> CaseworkerMapping? {
        caseworkers[id.lowercasedText]
    }

    /// Loads and checks every file; throws the first error of each file that has one.
    public static func load(directory: String) throws(MappingErrors) -> GatewayMappings {
        var errors: [MappingFileError] = []
        func read(_ name: String) -> String? {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                errors.append(MappingFileError(file: path, line: nil, message: "cannot read the file"))
                return nil
            }
            return text
        }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        func attempt<T>(_ body: () throws(MappingFileError) -> T) -> T? {
            do { return try body() } catch { errors.append(error); return nil }
        }

        let routes = read("planner-api.yaml").flatMap { text in attempt { () throws(MappingFileError) in
            try Self.routes(text, file: path("planner-api.yaml"))
        } }
        let catalogue = read("star-errors.yaml").flatMap { text in attempt { () throws(MappingFileError) in
            try StarErrorCatalogue(yaml: text, file: path("star-errors.yaml"), operations: OperationRegistry.operations)
        } }
        let codeLists = read("code-lists.yaml").flatMap { text in attempt { () throws(MappingFileError) in
            try Self.codeLists(text, file: path("code-lists.yaml"))
        } }
        let caseworkers = read("caseworkers.yaml").flatMap { text in attempt { () throws(MappingFileError) in
            try Self.caseworkers(text, file: path("caseworkers.yaml"))
        } }
        let offers = read("offers.yaml").flatMap { text in attempt { () throws(MappingFileError) in
            try Self.offers(text, file: path("offers.yaml"), codeLists: codeLists, caseworkers: caseworkers ?? [:])
        } }
        guard errors.isEmpty, let routes, let catalogue, let codeLists, let caseworkers, let offers else {
            throw MappingErrors(errors: errors)
        }
        return GatewayMappings(
            routes: routes, catalogue: catalogue, defaults: offers.defaults, offers: offers.offers,
            caseworkers: caseworkers, codeLists: codeLists)
    }

    static func routes(_ text: String, file: String) throws(MappingFileError) -> PlannerRoutes {
        try PlannerRoutes.parse(yaml: text, file: file)
    }

    static func codeLists(_ text: String, file: String) throws(MappingFileError) -> CodeLists {
        let root = try YAMLReader.load(text, file: file)
        var samtaleformer: [String: Int] = [:]
        for (name, value) in try root.required("samtaleformer").entries() {
            let id = try value.int()
            guard id >= 0 else { throw value.fail("a code-list id is a whole number of 0 or more") }
            samtaleformer[name] = id
        }
        let gruppe = try root.required("moedeGruppeType")
        let originator = try root.required("bookingOriginator")
        return CodeLists(
            samtaleformer: samtaleformer,
            moedeGruppeIndividual: try gruppe.required("individual").int(),
            moedeGruppeJoint: try gruppe.required("joint").int(),
            fejlmeldingKoder: Set(try root.child("fejlmeldingKoder")?.entries().map { (entry) throws(MappingFileError) in
                try entry.value.int()
            } ?? []),
            personalAttendance: try root.child("personalAttendance")?.items().map { (item) throws(MappingFileError) in
                try item.string()
            } ?? [],
            bookingOriginatorOrganisationCode: try originator.required("organisationCode").int(),
            bookingOriginatorOrganisationType: try originator.required("organisationTypeIdentifier").int())
    }

    static func caseworkers(_ text: String, file: String) throws(MappingFileError) -> [String: CaseworkerMapping] {
        let root = try YAMLReader.load(text, file: file)
        var result: [String: CaseworkerMapping] = [:]
        var numericIds: Set<Int> = []
        for (key, entry) in try root.required("caseworkers").entries() {
            guard let resource = UUID(uuidString: key) else { throw entry.fail("\(key) is not a Planner resource GUID") }
            let numericId = try entry.required("id").int()
            guard (1..<UnmappedCaseworkers.firstId).contains(numericId) else {
                throw entry.fail("id must be 1 to \(UnmappedCaseworkers.firstId - 1): 0 and the ids from \(UnmappedCaseworkers.firstId) up are the gateway's own (times Planner names no caseworker for, and caseworkers not in this file)")
            }
            guard numericIds.insert(numericId).inserted else { throw entry.fail("id \(numericId) is used twice") }
            let identifier = try entry.required("identifier").string()
            let given = try entry.required("givenName").string()
            let surname = try entry.required("surname").string()
            guard (1...255).contains(identifier.count), (1...50).contains(given.count), (1...40).contains(surname.count) else {
                throw entry.fail("identifier is 1-255 characters, givenName 1-50, surname 1-40")
            }
            result[resource.lowercasedText] = CaseworkerMapping(
                numericId: numericId,
                caseWorker: CaseWorker(givenName: given, middleName: try entry.string("middleName"), surname: surname, identifier: identifier))
        }
        return result
    }

    static func offers(_ text: String, file: String, codeLists: CodeLists?, caseworkers: [String: CaseworkerMapping])
        throws(MappingFileError) -> (defaults: OfferMapping, offers: [String: OfferMapping])
    {
        let root = try YAMLReader.load(text, file: file)
        let defaultsEntry = try root.required("defaults")
        let defaults = try offer(defaultsEntry, base: nil, codeLists: codeLists, caseworkers: caseworkers)
        var offers: [String: OfferMapping] = [:]
        for (key, entry) in try root.child("offers")?.entries() ?? [] {
            guard let id = UUID(uuidString: key) else { throw entry.fail("\(key) is not a Planner offer GUID") }
            offers[id.lowercasedText] = try offer(entry, base: defaults, codeLists: codeLists, caseworkers: caseworkers)
        }
        return (defaults, offers)
    }

    static func offer(_ entry: YAMLReader, base: OfferMapping?, codeLists: CodeLists?, caseworkers: [String: CaseworkerMapping])
        throws(MappingFileError) -> OfferMapping
    {
        func value<T>(_ read: T?, _ fallback: T?, _ key: String) throws(MappingFileError) -> T {
            if let read { return read }
            if let fallback { return fallback }
            throw entry.fail("\(key) is required in defaults")
        }
        let form = try entry.string("meetingForm")
        guard form == nil || form == "individual" || form == "joint" else { throw entry.fail("meetingForm is individual or joint") }
        let joint = try value(form.map { $0 == "joint" }, base?.joint, "meetingForm")
        let samtaleformer = try value(try entry.child("samtaleformer")?.items().map { (item) throws(MappingFileError) in try item.string() },
            base?.samtaleformer, "samtaleformer")
        guard !samtaleformer.isEmpty else { throw entry.fail("samtaleformer needs at least one") }
        if let codeLists {
            for name in samtaleformer where codeLists.samtaleformer[name] == nil {
                throw entry.fail("samtaleform \(name) is not in code-lists.yaml")
            }
        }
        let allowChoice = try value(try entry.bool("allowChoiceOfSupervisor"), base?.allowChoiceOfSupervisor, "allowChoiceOfSupervisor")
        if joint && allowChoice { throw entry.fail("allowChoiceOfSupervisor is always false for joint meetings (STAR)") }
        let interviewType = try value(try entry.int("interviewType"), base?.interviewTypeIdentifier, "interviewType")
        let rebooking = try policy(entry.child("rebooking"), base?.rebooking, entry, "rebooking")
        if [17, 18].contains(interviewType) && rebooking.possible {
            throw entry.fail("rebooking must be impossible for interview types 17 and 18 (STAR 8270)")
        }
        let offerCaseworkers = try entry.child("caseworkers")?.items().map { (item) throws(MappingFileError) in
            let id = try item.string()
            guard let uuid = UUID(uuidString: id), caseworkers[uuid.lowercasedText] != nil else {
                throw item.fail("caseworker \(id) is not in caseworkers.yaml")
            }
            return uuid.lowercasedText
        }
        var location = base?.location
        if let locationEntry = entry.child("location") { location = try Self.location(locationEntry) }
        var deadline = base?.deadline
        if let deadlineEntry = entry.child("deadline") {
            deadline = OfferMapping.Deadline(
                status: try deadlineEntry.required("status").int(),
                bookWithinDays: try deadlineEntry.required("bookWithinDays").int(),
                holdWithinDays: try deadlineEntry.required("holdWithinDays").int())
        }
        var convened = base?.convened
        if let convenedEntry = entry.child("convened") {
            let impossible = OfferMapping.Policy(possible: false, deadlineHours: nil)
            convened = OfferMapping.Convened(
                rebooking: try policy(convenedEntry.child("rebooking"), impossible, convenedEntry, "rebooking"),
                cancellation: try policy(convenedEntry.child("cancellation"), impossible, convenedEntry, "cancellation"))
            if [17, 18].contains(interviewType), convened?.rebooking.possible == true {
                throw convenedEntry.fail("rebooking must be impossible for interview types 17 and 18 (STAR 8270)")
            }
        }
        let duration = try value(try entry.int("durationMinutes"), base?.durationMinutes, "durationMinutes")
        guard (1...1440).contains(duration) else { throw entry.fail("durationMinutes is 1 to 1440 (a booking may not last more than a day)") }
        return OfferMapping(
            interviewTypeIdentifier: interviewType, joint: joint, samtaleformer: samtaleformer, durationMinutes: duration,
            location: location, allowChoiceOfSupervisor: allowChoice, rebooking: rebooking,
            cancellation: try policy(entry.child("cancellation"), base?.cancellation, entry, "cancellation"), convened: convened,
            immediate: try value(try entry.bool("immediate"), base?.immediate, "immediate"),
            immediateRequired: try entry.bool("immediateRequired") ?? base?.immediateRequired ?? false,
            deadline: deadline, caseworkers: offerCaseworkers ?? base?.caseworkers ?? [],
            compulsoryAttendance: try entry.bool("compulsoryAttendance") ?? base?.compulsoryAttendance ?? true,
            bookableDays: try value(try entry.int("bookableDays"), base?.bookableDays, "bookableDays"),
            telephoneNumber: try entry.string("telephoneNumber") ?? base?.telephoneNumber,
            citizenCalls: try entry.bool("citizenCalls") ?? base?.citizenCalls ?? false,
            seats: try entry.int("seats") ?? (base == nil ? nil : base?.seats),
            source: base == nil ? .defaults : .offer)
    }

    /// The longest rebooking or cancellation deadline an offer may set: a year before the meeting.
    static let maximumDeadlineHours = 24 * 366

    static func policy(_ entry: YAMLReader?, _ fallback: OfferMapping.Policy?, _ parent: YAMLReader, _ key: String)
        throws(MappingFileError) -> OfferMapping.Policy
    {
        guard let entry else {
            guard let fallback else { throw parent.fail("\(key) is required in defaults") }
            return fallback
        }
        let possible = try entry.required("possible").bool()
        let hours = try entry.int("deadlineHours")
        if possible && hours == nil { throw entry.fail("deadlineHours is required when \(key) is possible (STAR 8126/8128)") }
        if !possible && hours != nil { throw entry.fail("deadlineHours cannot be set when \(key) is impossible (STAR 8125/8127)") }
        // A deadline after the start is STAR's 8134/8136; one more than a year before it is a typo.
        if let hours, !(0...Self.maximumDeadlineHours).contains(hours) {
            throw entry.child("deadlineHours")!.fail(
                "deadlineHours must be 0 to \(Self.maximumDeadlineHours) (hours before the start; a negative one would fall after it, STAR 8134/8136)")
        }
        return OfferMapping.Policy(possible: possible, deadlineHours: hours)
    }

    static func location(_ entry: YAMLReader) throws(MappingFileError) -> InterviewLocation {
        var address: PostalAddress?
        if let a = entry.child("address") {
            address = PostalAddress(
                streetName: try a.required("streetName").string(),
                streetBuildingIdentifier: try a.required("streetBuildingIdentifier").string(),
                floorIdentifier: try a.string("floorIdentifier"), suiteIdentifier: try a.string("suiteIdentifier"),
                postCodeIdentifier: try a.required("postCodeIdentifier").string(),
                districtName: try a.required("districtName").string(),
                countryIdentificationCode: try a.string("countryIdentificationCode"))
            if let address, address.postCodeIdentifier.count != 4 || !address.postCodeIdentifier.allSatisfy(\.isNumber) {
                throw a.fail("postCodeIdentifier is four digits")
            }
        }
        return InterviewLocation(description: try entry.string("description"), address: address)
    }
}

/// Every error found in the mapping files.
public struct MappingErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [MappingFileError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
