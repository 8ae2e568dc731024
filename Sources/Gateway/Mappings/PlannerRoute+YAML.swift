import Jobnet
import Planner

extension PlannerRoute {
    /// Reads one entry of planner-api.yaml's `routes`:
    /// `{method: POST, path: "api/v2/persons/{personId}/consent", query: [rootDepartmentId], body: [..], timeoutMs: 5000}`.
    ///
    /// `method` defaults to `fallback`'s; `path` is required. The route is refused here, with the
    /// file and line, when `problem(for:)` finds fault with it (a CPR in a URL, a body on a GET, a
    /// listed name that is not one of the operation's parameters), so that a mistake is caught by
    /// check-mappings and at reload rather than by a failing call to Planner.
    static func parse(_ entry: YAMLReader, operation: PlannerOperation, default fallback: PlannerRoute)
        throws(MappingFileError) -> PlannerRoute
    {
        let methodText = try entry.string("method") ?? fallback.method.rawValue
        guard let method = Method(rawValue: methodText.uppercased()) else { throw entry.fail("method must be GET or POST") }
        let pathEntry = try entry.required("path")
        let path = try pathEntry.string()
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("?") else {
            throw pathEntry.fail("path must be relative to the base URL, without a leading / or a query")
        }
        guard capturesAreWellFormed(path) else {
            throw pathEntry.fail("path names a parameter as {name}: every { needs its }, with a name between them")
        }
        var timeout: Int?
        if let value = entry.child("timeoutMs") {
            let milliseconds = try value.int()
            guard (100...600_000).contains(milliseconds) else { throw value.fail("timeoutMs must be 100 to 600000") }
            timeout = milliseconds
        }
        let query = try listedNames(entry.child("query"), key: "query")
        let body = try listedNames(entry.child("body"), key: "body")
        for name in query where body.contains(where: { $0.lowercased() == name.lowercased() }) {
            throw entry.fail("\(name) is listed in both query and body")
        }
        let route = PlannerRoute(method: method, path: path, timeoutMilliseconds: timeout, query: query, body: body)
        if let problem = route.problem(for: operation) {
            throw entry.fail("\(operation.rawValue): \(problem)")
        }
        return route
    }

    /// A `query:` or `body:` list: parameter names, each once.
    private static func listedNames(_ list: YAMLReader?, key: String) throws(MappingFileError) -> [String] {
        guard let list else { return [] }
        var names: [String] = []
        for item in try list.items() {
            let name = try item.string()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) else {
                throw item.fail("\(key) lists parameter names (letters, digits, _ . -), not \(name)")
            }
            guard !names.contains(where: { $0.lowercased() == name.lowercased() }) else {
                throw item.fail("\(name) is listed twice in \(key)")
            }
            names.append(name)
        }
        return names
    }

    /// Braces pair up, do not nest, and enclose a name.
    private static func capturesAreWellFormed(_ path: String) -> Bool {
        var open = false
        var length = 0
        for character in path {
            switch character {
            case "{":
                if open { return false }
                open = true
                length = 0
            case "}":
                if !open || length == 0 { return false }
                open = false
            default:
                if open { length += 1 }
            }
        }
        return !open
    }
}

extension PlannerRoutes {
    /// Reads a whole planner-api.yaml: the defaults, overridden by each entry of `routes`
    /// (`GatewayMappings.load` reads the file the same way).
    public static func parse(yaml text: String, file: String) throws(MappingFileError) -> PlannerRoutes {
        let root = try YAMLReader.load(text, file: file)
        var routes = PlannerRoutes.defaults
        guard let table = root.child("routes") else { return PlannerRoutes(routes: routes) }
        for (name, entry) in try table.entries() {
            guard let operation = PlannerOperation(rawValue: name) else {
                throw entry.fail("\(name) is not a Planner operation (one of \(PlannerOperation.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let fallback = routes[operation] ?? PlannerRoute(method: .post, path: operation.rawValue)
            routes[operation] = try PlannerRoute.parse(entry, operation: operation, default: fallback)
        }
        return PlannerRoutes(routes: routes)
    }
}
