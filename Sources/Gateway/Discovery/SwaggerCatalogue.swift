import Foundation
import Planner

/// Planner's service catalogue as its Swagger 2.0 document describes it (Swashbuckle serves it at
/// `…/Planner.External.Api/swagger/docs/v1`): every operation by `operationId`, with its HTTP method,
/// its path and where each of its parameters travels.
///
/// The seed links each operation to this catalogue by operationId but documents no routes, so the
/// catalogue is what `RouteAlignment` aligns the gateway's route table with. Only what alignment needs
/// is kept: schemas are read for the names of a body's top-level properties and nothing more.
public struct SwaggerCatalogue: Sendable, Equatable {
    /// Where a parameter travels: Swagger 2.0's `in`.
    public enum ParameterLocation: String, Sendable, Equatable, CaseIterable {
        case query, path, body, formData, header
    }

    /// One parameter of an operation, or one top-level property of its JSON body.
    public struct Parameter: Sendable, Equatable {
        /// As the document spells it.
        public var name: String
        public var location: ParameterLocation
        public var required: Bool

        public init(name: String, location: ParameterLocation, required: Bool) {
            self.name = name
            self.location = location
            self.required = required
        }

        /// The name without a model prefix: Swashbuckle writes a `[FromUri]` model's properties as
        /// `request.personId`, while ASP.NET binds the bare `personId`.
        public var bareName: String {
            guard let dot = name.lastIndex(of: ".") else { return name }
            let rest = name[name.index(after: dot)...]
            return rest.isEmpty ? name : String(rest)
        }
    }

    /// An operation's `in: body` parameter.
    public struct Body: Sendable, Equatable {
        /// The parameter's own name (Swashbuckle: the action's argument, e.g. `request`).
        public var name: String
        /// The definition its schema refers to (`#/definitions/X`), if it refers to one.
        public var schemaName: String?
        /// The body object's top-level property names, sorted; nil when the body is not an object
        /// (a bare string or a list), which travels whole under no name.
        public var properties: [String]?

        public init(name: String, schemaName: String?, properties: [String]?) {
            self.name = name
            self.schemaName = schemaName
            self.properties = properties
        }
    }

    public struct Operation: Sendable, Equatable {
        public var operationId: String
        /// Upper case: GET and POST, or another method, which the gateway does not send
        /// (`hasSupportedMethod` is then false; the operation is kept so that alignment can say so).
        public var method: String
        /// Relative to the base URL (which points at the document's `basePath`), without a leading "/".
        public var path: String
        /// The individual parameters (path, query, header, formData) in the document's order, then
        /// the body's top-level properties as `body` parameters, or the body parameter itself when
        /// the body is not an object.
        public var parameters: [Parameter]
        public var body: Body?

        public init(operationId: String, method: String, path: String, parameters: [Parameter], body: Body?) {
            self.operationId = operationId
            self.method = method
            self.path = path
            self.parameters = parameters
            self.body = body
        }

        /// The method as a route's, or nil for one the gateway does not send.
        public var routeMethod: PlannerRoute.Method? { PlannerRoute.Method(rawValue: method) }

        public var hasSupportedMethod: Bool { routeMethod != nil }

        /// The parameter `name` (any case; `bareName` is compared). When a name occurs in more than
        /// one place, the path wins over the query and the query over the body, as in
        /// `PlannerRoute.location(of:)`.
        public func parameter(named name: String) -> Parameter? {
            let key = name.lowercased()
            let candidates = parameters.filter { $0.bareName.lowercased() == key }
            for location in [ParameterLocation.path, .query, .body, .formData, .header] {
                if let found = candidates.first(where: { $0.location == location }) { return found }
            }
            return nil
        }
    }

    public var title: String?
    public var version: String?
    /// The document's `basePath` ("/Planner.External.Api"), nil when it is "/" or empty. Paths are
    /// relative to it: the gateway's base URL must end with it.
    public var basePath: String?
    /// By operationId. An operationId used more than once keeps its first operation (in path order)
    /// and is listed in `duplicateOperationIds`.
    public var operations: [String: Operation]
    /// operationIds the document gives to more than one operation: alignment will not guess between them.
    public var duplicateOperationIds: Set<String>

    public init(
        title: String? = nil, version: String? = nil, basePath: String? = nil, operations: [String: Operation],
        duplicateOperationIds: Set<String> = []
    ) {
        self.title = title
        self.version = version
        self.basePath = basePath
        self.operations = operations
        self.duplicateOperationIds = duplicateOperationIds
    }

    /// Reads a Swagger 2.0 JSON document.
    public init(json bytes: [UInt8]) throws(SwaggerError) {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw .notJSON
        }
        guard let root = parsed as? [String: Any] else { throw .notJSON }
        guard let swagger = root["swagger"] as? String, swagger.hasPrefix("2.") else { throw .notSwagger2 }
        guard let paths = root["paths"] as? [String: Any] else { throw .malformed("paths is missing") }
        let info = root["info"] as? [String: Any]
        let definitions = root["definitions"] as? [String: Any] ?? [:]
        let sharedParameters = root["parameters"] as? [String: Any] ?? [:]

        var operations: [String: Operation] = [:]
        var duplicates: Set<String> = []
        for pathKey in paths.keys.sorted() {
            guard let item = paths[pathKey] as? [String: Any] else { throw .malformed("paths[\(pathKey)] is not an object") }
            let itemParameters = try Self.parameterObjects(item["parameters"], shared: sharedParameters, at: pathKey)
            for key in item.keys.sorted() where Self.methods.contains(key.lowercased()) {
                guard let object = item[key] as? [String: Any] else {
                    throw .malformed("\(key) \(pathKey) is not an object")
                }
                // An operation without an id cannot be linked to the seed: nothing to align it with.
                guard let operationId = object["operationId"] as? String, !operationId.isEmpty else { continue }
                let own = try Self.parameterObjects(object["parameters"], shared: sharedParameters, at: operationId)
                // An operation's own parameter overrides the path item's of the same name and location.
                let inherited = itemParameters.filter { shared in
                    !own.contains { ($0["name"] as? String) == (shared["name"] as? String) && ($0["in"] as? String) == (shared["in"] as? String) }
                }
                let operation = try Self.operation(
                    id: operationId, method: key.uppercased(), path: pathKey, parameters: inherited + own, definitions: definitions)
                if operations[operationId] == nil {
                    operations[operationId] = operation
                } else {
                    duplicates.insert(operationId)
                }
            }
        }
        var basePath: String?
        if let raw = root["basePath"] as? String {
            let trimmed = raw.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
            basePath = trimmed.isEmpty ? nil : "/" + trimmed
        }
        self.init(
            title: info?["title"] as? String, version: info?["version"] as? String, basePath: basePath,
            operations: operations, duplicateOperationIds: duplicates)
    }

    /// Swagger 2.0's operation keys in a path item (the others are `parameters`, `$ref` and `x-…`).
    private static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch"]

    /// A `parameters` list, each `$ref` (`#/parameters/X`) resolved.
    private static func parameterObjects(_ value: Any?, shared: [String: Any], at place: String)
        throws(SwaggerError) -> [[String: Any]]
    {
        guard let value else { return [] }
        guard let list = value as? [Any] else { throw .malformed("the parameters of \(place) are not a list") }
        var result: [[String: Any]] = []
        for element in list {
            guard var object = element as? [String: Any] else { throw .malformed("a parameter of \(place) is not an object") }
            if let reference = object["$ref"] as? String {
                let prefix = "#/parameters/"
                guard reference.hasPrefix(prefix),
                    let target = shared[pointerToken(String(reference.dropFirst(prefix.count)))] as? [String: Any]
                else { throw .malformed("\(place): cannot resolve \(reference)") }
                object = target
            }
            result.append(object)
        }
        return result
    }

    private static func operation(
        id: String, method: String, path: String, parameters objects: [[String: Any]], definitions: [String: Any]
    ) throws(SwaggerError) -> Operation {
        var individual: [Parameter] = []
        var bodyParameters: [Parameter] = []
        var body: Body?
        for object in objects {
            guard let name = object["name"] as? String, let place = object["in"] as? String else {
                throw .malformed("\(id): a parameter without a name or an `in`")
            }
            guard let location = ParameterLocation(rawValue: place) else {
                throw .malformed("\(id): parameter \(name) is `in: \(place)`, which Swagger 2.0 does not know")
            }
            let required = (object["required"] as? Bool) ?? (location == .path)
            guard location == .body else {
                individual.append(Parameter(name: name, location: location, required: required))
                continue
            }
            guard body == nil else { throw .malformed("\(id) has more than one body parameter") }
            let schema = object["schema"] as? [String: Any] ?? [:]
            let shape = try objectShape(schema, definitions: definitions, depth: 0, at: id)
            body = Body(name: name, schemaName: (schema["$ref"] as? String).flatMap { Self.definitionName($0) }, properties: shape?.names)
            if let shape {
                bodyParameters = shape.names.map { Parameter(name: $0, location: .body, required: shape.required.contains($0)) }
            } else {
                bodyParameters = [Parameter(name: name, location: .body, required: required)]
            }
        }
        let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return Operation(operationId: id, method: method, path: relative, parameters: individual + bodyParameters, body: body)
    }

    /// The top-level property names (sorted) and required names of an object schema, following
    /// `$ref`s into `definitions` and merging `allOf`; nil when the schema is not an object.
    private static func objectShape(_ schema: [String: Any], definitions: [String: Any], depth: Int, at place: String)
        throws(SwaggerError) -> (names: [String], required: Set<String>)?
    {
        // Definitions may refer to each other in a cycle; a body's top level is never this deep.
        guard depth < 32 else { throw .malformed("\(place): the body schema's references go round in a circle") }
        if let reference = schema["$ref"] as? String {
            guard let name = definitionName(reference), let target = definitions[name] as? [String: Any] else {
                throw .malformed("\(place): cannot resolve \(reference)")
            }
            return try objectShape(target, definitions: definitions, depth: depth + 1, at: place)
        }
        var names: [String] = []
        var required = Set(schema["required"] as? [String] ?? [])
        var isObject = (schema["type"] as? String) == "object"
        if let parts = schema["allOf"] as? [Any] {
            for case let part as [String: Any] in parts {
                if let shape = try objectShape(part, definitions: definitions, depth: depth + 1, at: place) {
                    isObject = true
                    names += shape.names
                    required.formUnion(shape.required)
                }
            }
        }
        if let properties = schema["properties"] as? [String: Any] {
            isObject = true
            names += properties.keys
        }
        guard isObject else { return nil }
        return (Array(Set(names)).sorted(), required)
    }

    /// `#/definitions/X` → X (a JSON pointer token: `~1` is "/", `~0` is "~").
    private static func definitionName(_ reference: String) -> String? {
        let prefix = "#/definitions/"
        guard reference.hasPrefix(prefix) else { return nil }
        return pointerToken(String(reference.dropFirst(prefix.count)))
    }

    private static func pointerToken(_ token: String) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
}
