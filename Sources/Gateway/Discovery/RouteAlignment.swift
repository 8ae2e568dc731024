import Planner

/// The gateway's route table aligned with Planner's Swagger catalogue: for each operation, the route
/// the catalogue implies and, in words, how it differs from the route in use.
///
/// The seed names each operation's inputs and its Swagger operationId but no route; the catalogue
/// has the routes. Neither is trusted blindly: a proposal is checked as Mappings/planner-api.yaml
/// checks a route (`PlannerRoute.problem(for:)`), and one that would put the CPR in a URL, or that
/// the gateway cannot send, is refused loudly while the current route is kept.
public struct RouteAlignment: Sendable {
    /// One operation's alignment.
    public struct Entry: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable {
            /// The catalogue has the operation and `proposed` is its route.
            case aligned
            /// The catalogue has no operation with the operationId (or several): the current route is kept.
            case missing(String)
            /// The catalogue's route cannot be used (the reason): the current route is kept.
            case refused(String)
        }

        public var operation: PlannerOperation
        public var current: PlannerRoute
        /// The route for planner-api.yaml: the catalogue's, or the current one when missing or refused.
        public var proposed: PlannerRoute
        /// The catalogue's route as the gateway would write it, even when refused; nil when missing
        /// (or when its method is one the gateway cannot send).
        public var catalogueRoute: PlannerRoute?
        public var outcome: Outcome
        /// Each way `proposed` differs from `current`, in words.
        public var differences: [String]
        /// What does not change the route but an operator should know: seed parameters the catalogue
        /// lacks, parameters the catalogue requires that the seed does not name.
        public var notes: [String]

        /// The catalogue has the operation (even if its route was refused).
        public var found: Bool { !isMissing }
        public var differs: Bool { proposed != current }

        public var isMissing: Bool {
            if case .missing = outcome { return true }
            return false
        }

        public var refusal: String? {
            if case .refused(let reason) = outcome { return reason }
            return nil
        }

        /// One line for a human, e.g. "BookingOptions: path ExternalBooking/BookingOptions →
        /// api/v2/offers/{offerId}/options; OfferId travels in the path, not the query".
        public var summary: String {
            let name = operation.rawValue
            switch outcome {
            case .missing(let reason):
                return "\(name): MISSING: \(reason); the current route is kept"
            case .refused(let reason):
                let said = catalogueRoute.map { " (the catalogue says \(RouteAlignment.describe($0, for: operation)))" } ?? ""
                return "\(name): REFUSED: \(reason)\(said); the current route is kept"
            case .aligned:
                return differences.isEmpty ? "\(name): unchanged" : "\(name): " + differences.joined(separator: "; ")
            }
        }
    }

    public var title: String?
    public var version: String?
    /// The catalogue's basePath, nil for "/": the base URL (--planner) must end with it.
    public var basePath: String?
    /// In `PlannerOperation.allCases` order.
    public var entries: [Entry]

    public init(catalogue: SwaggerCatalogue, current: PlannerRoutes) {
        title = catalogue.title
        version = catalogue.version
        basePath = catalogue.basePath
        entries = PlannerOperation.allCases.map { operation in
            let route = current[operation] ?? PlannerRoutes.defaults[operation] ?? PlannerRoute(method: .post, path: operation.rawValue)
            return Self.align(operation, current: route, catalogue: catalogue)
        }
    }

    /// The proposed route table.
    public var proposed: PlannerRoutes {
        PlannerRoutes(routes: Dictionary(uniqueKeysWithValues: entries.map { ($0.operation, $0.proposed) }))
    }

    /// Whether the proposed table differs from the current one (planner-api.yaml should change).
    public var differs: Bool { entries.contains(where: \.differs) }

    public var missing: [Entry] { entries.filter(\.isMissing) }
    public var refused: [Entry] { entries.filter { $0.refusal != nil } }

    /// For a human: the catalogue, one line per operation (its notes indented below it), and a tally.
    public var report: String {
        var lines: [String] = []
        let name = [title, version].compactMap { $0 }.joined(separator: " ")
        lines.append("Swagger catalogue: \(name.isEmpty ? "(untitled)" : name)")
        if let basePath { lines.append("basePath \(basePath): the base URL (--planner) must end with \(basePath)/") }
        for entry in entries {
            lines.append(entry.summary)
            lines += entry.notes.map { "  note: \($0)" }
        }
        let changed = entries.filter(\.differs).count
        lines.append("\(changed) of \(entries.count) routes change, \(refused.count) refused, \(missing.count) missing from the catalogue")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The proposed table as a complete Mappings/planner-api.yaml.
    public var yaml: String {
        var lines = [
            "# Planner.External.Api routes, relative to the base URL (--planner URL), e.g.",
            "#   https://preprod.workforce-planner.dk/Planner.External.Api/",
            "# The seed documents the operations but not their routes: these were aligned with the Swagger",
            "# catalogue of your Planner by `jobnet-gateway discover`; edit them here, no rebuild needed.",
        ]
        let name = [title, version].compactMap { $0 }.joined(separator: " ")
        if !name.isEmpty { lines.append("# Catalogue: \(name.replacingLineBreaks).") }
        if let basePath { lines.append("# Its basePath is \(basePath): the base URL must end with \(basePath)/.") }
        lines += [
            "# A parameter travels in the path when the path names it as {name}; `query: [names]` and `body: [names]`",
            "# send the listed ones there although the method would not (GET: the query, POST: the JSON body).",
            "# The CPR never travels in a URL.",
            "# A route may set `timeoutMs` (100-600000): its time budget per call, retries included; without it, the",
            "# transport's total timeout (--planner-timeout-ms, 10 s).",
            "routes:",
        ]
        let nameWidth = (entries.map(\.operation.rawValue.count).max() ?? 0) + 1
        let flows = entries.map { Self.flow($0.proposed) }
        let flowWidth = flows.map(\.count).max() ?? 0
        for (entry, flow) in zip(entries, flows) {
            var line = "  " + Self.padded(entry.operation.rawValue + ":", to: nameWidth + 1) + flow
            var comment = Self.travel(entry.proposed, for: entry.operation)
            switch entry.outcome {
            case .aligned: break
            case .missing: comment = "kept: not in the catalogue" + (comment.isEmpty ? "" : "; " + comment)
            case .refused: comment = "kept: the catalogue's route was refused" + (comment.isEmpty ? "" : "; " + comment)
            }
            if !comment.isEmpty { line = Self.padded(line, to: 2 + nameWidth + 1 + flowWidth + 1) + "# " + comment }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Aligning one operation

    static func align(_ operation: PlannerOperation, current: PlannerRoute, catalogue: SwaggerCatalogue) -> Entry {
        let id = operation.swaggerOperationId
        func kept(_ outcome: Entry.Outcome, catalogueRoute: PlannerRoute? = nil, notes: [String] = []) -> Entry {
            Entry(operation: operation, current: current, proposed: current, catalogueRoute: catalogueRoute, outcome: outcome,
                  differences: [], notes: notes)
        }
        if catalogue.duplicateOperationIds.contains(id) {
            return kept(.missing("the catalogue has more than one operation \(id)"))
        }
        guard let found = catalogue.operations[id] else { return kept(.missing("\(id) is not in the catalogue")) }
        guard let method = found.routeMethod else {
            return kept(.refused("the catalogue has \(found.method) /\(found.path) (\(id)); the gateway sends only GET and POST"))
        }

        let captures = PlannerRoute(method: method, path: found.path).pathParameters
        let methodDefault: PlannerRoute.Location = method == .get ? .query : .body
        var query: [String] = []
        var body: [String] = []
        var unsendable: [String] = []
        var notes: [String] = []
        var matched: Set<String> = []
        for name in operation.parameters {
            let key = name.lowercased()
            if let capture = captures.first(where: { $0.lowercased() == key }) {
                matched.insert(capture.lowercased())
                continue
            }
            guard let parameter = found.parameter(named: name) else {
                notes.append(missingNote(name, in: found, travels: methodDefault))
                continue
            }
            matched.insert(parameter.bareName.lowercased())
            switch parameter.location {
            case .path:
                unsendable.append("\(name) is declared in the path, but the path \(found.path) does not name {\(parameter.name)}")
            case .query:
                if methodDefault != .query { query.append(parameter.bareName) }
            case .body:
                if methodDefault != .body { body.append(name) }
            case .formData, .header:
                unsendable.append("\(name) travels as \(parameter.location.rawValue), which the gateway does not send")
            }
        }
        let seed = Set(operation.parameters.map { $0.lowercased() })
        for parameter in found.parameters where parameter.required && !matched.contains(parameter.bareName.lowercased())
            && !seed.contains(parameter.bareName.lowercased())
        {
            notes.append("the catalogue's \(id) also requires \(parameter.name) (in \(parameter.location.rawValue)), "
                + "which the seed does not name: the gateway does not send it")
        }

        let route = PlannerRoute(
            method: method, path: found.path, timeoutMilliseconds: current.timeoutMilliseconds, query: query, body: body)
        if let reason = unsendable.first {
            return kept(.refused(reason), catalogueRoute: route, notes: notes)
        }
        if route.path.isEmpty || route.path.contains("?") {
            return kept(.refused("the catalogue's path /\(route.path) is not a route the gateway can call"), catalogueRoute: route, notes: notes)
        }
        if let problem = route.problem(for: operation) {
            return kept(.refused(problem), catalogueRoute: route, notes: notes)
        }
        return Entry(
            operation: operation, current: current, proposed: route, catalogueRoute: route, outcome: .aligned,
            differences: differences(operation, from: current, to: route), notes: notes)
    }

    /// A seed parameter the catalogue's operation lacks. A body that is itself the seed's nested
    /// object (its properties at the top level) is called out: the gateway would wrap it in a property.
    private static func missingNote(_ name: String, in found: SwaggerCatalogue.Operation, travels: PlannerRoute.Location) -> String {
        let key = name.lowercased()
        if let body = found.body, let properties = body.properties,
            body.name.lowercased() == key || body.schemaName?.lowercased() == key
        {
            return "\(name) is the whole body in the catalogue (\(properties.joined(separator: ", "))), but the gateway "
                + "sends it as a property named \(name): check with Planner before relying on it"
        }
        return "\(name) is not a parameter of the catalogue's \(found.operationId): it travels in the \(travels.rawValue) (the method's default)"
    }

    /// How `proposed` differs from `current`, in words.
    static func differences(_ operation: PlannerOperation, from current: PlannerRoute, to proposed: PlannerRoute) -> [String] {
        var words: [String] = []
        if current.method != proposed.method { words.append("method \(current.method.rawValue) → \(proposed.method.rawValue)") }
        if current.path != proposed.path { words.append("path \(current.path) → \(proposed.path)") }
        for name in operation.parameters {
            let before = current.location(of: name)
            let after = proposed.location(of: name)
            if before != after {
                words.append("\(name) travels in the \(after.rawValue), not the \(before.rawValue)")
            } else if after == .query, current.urlName(of: name) != proposed.urlName(of: name) {
                words.append("\(name) is written \(proposed.urlName(of: name)) in the query, not \(current.urlName(of: name))")
            }
        }
        if current.timeoutMilliseconds != proposed.timeoutMilliseconds {
            words.append("timeoutMs \(current.timeoutMilliseconds.map(String.init) ?? "none") → \(proposed.timeoutMilliseconds.map(String.init) ?? "none")")
        }
        if words.isEmpty, current != proposed {
            // Only the lists changed, in a way that moves no parameter (e.g. a name that was listed needlessly).
            words.append("query \(current.query) body \(current.body) → query \(proposed.query) body \(proposed.body)")
        }
        return words
    }

    // MARK: - Writing

    /// "POST api/v2/persons/lookup ?cpr=": a route in one phrase.
    static func describe(_ route: PlannerRoute, for operation: PlannerOperation) -> String {
        let travelled = Self.travel(route, for: operation)
        return "\(route.method.rawValue) \(route.path)" + (travelled.isEmpty ? "" : " " + travelled)
    }

    /// Where the parameters not named in the path travel: "?personId=&offerId=", "body {DepartmentId, Cpr}".
    static func travel(_ route: PlannerRoute, for operation: PlannerOperation) -> String {
        let query = operation.parameters.filter { route.location(of: $0) == .query }
        let body = operation.parameters.filter { route.location(of: $0) == .body }
        var parts: [String] = []
        if !query.isEmpty { parts.append("?" + query.map { route.urlName(of: $0) + "=" }.joined(separator: "&")) }
        if !body.isEmpty { parts.append("body {" + body.joined(separator: ", ") + "}") }
        var text = parts.joined(separator: " ")
        if !operation.bodyOnlyParameters.isEmpty, operation.parameters.contains(where: { $0.lowercased() == "cpr" }) {
            text += ": the CPR never goes in a URL"
        }
        return text
    }

    /// A route as planner-api.yaml writes it: `{method: GET,  path: …, query: [a, b], timeoutMs: N}`,
    /// with only the keys it needs.
    static func flow(_ route: PlannerRoute) -> String {
        var text = "{method: \(route.method.rawValue), " + (route.method == .get ? " " : "") + "path: " + yamlScalar(route.path)
        if !route.query.isEmpty { text += ", query: [" + route.query.map { yamlScalar($0) }.joined(separator: ", ") + "]" }
        if !route.body.isEmpty { text += ", body: [" + route.body.map { yamlScalar($0) }.joined(separator: ", ") + "]" }
        if let timeout = route.timeoutMilliseconds { text += ", timeoutMs: \(timeout)" }
        return text + "}"
    }

    /// Plain when safe inside a flow mapping; otherwise double-quoted (a path with `{capture}` is not
    /// plain there: braces, brackets and commas end a plain scalar in flow context).
    static func yamlScalar(_ text: String) -> String {
        let safe = !text.isEmpty && !text.hasPrefix("-")
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/_.-".contains($0)) }
        guard !safe else { return text }
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            default: escaped.append(character)
            }
        }
        return "\"" + escaped + "\""
    }

    static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }
}

extension String {
    /// On one line, for a YAML comment.
    fileprivate var replacingLineBreaks: String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
