import Foundation
import Planner

/// The simulator's Swagger 2.0 catalogue, written as Swashbuckle writes Planner's for its ASP.NET Web
/// API: one operation per route, `operationId` as the seed links it, path and query parameters one by
/// one, and a POST's body as one `in: body` parameter `request` whose schema is a definition holding
/// the properties that travel in the body.
///
/// It is derived from the very route table the simulator serves, so `discover` run against the
/// simulator (the strict one included) must propose exactly that table back: the test of the
/// alignment and of the document alike.
public enum PlannerSimulatorSwagger {
    public static func document(routes: PlannerRoutes, title: String) -> [UInt8] {
        var paths: [String: [String: Any]] = [:]
        var definitions: [String: Any] = [:]
        for operation in PlannerOperation.allCases {
            guard let route = routes[operation] else { continue }
            var parameters: [[String: Any]] = []
            var properties: [String: Any] = [:]
            var required: [String] = []
            for name in operation.parameters {
                switch route.location(of: name) {
                case .path, .query:
                    var parameter: [String: Any] = [
                        "name": route.urlName(of: name), "in": route.location(of: name).rawValue, "required": true,
                    ]
                    parameter.merge(schema(of: name, definitions: &definitions)) { _, new in new }
                    parameters.append(parameter)
                case .body:
                    properties[name] = schema(of: name, definitions: &definitions)
                    required.append(name)
                }
            }
            if !properties.isEmpty {
                let definition = operation.rawValue + "Request"
                definitions[definition] = ["type": "object", "properties": properties, "required": required] as [String: Any]
                parameters.append([
                    "name": "request", "in": "body", "required": true,
                    "schema": ["$ref": "#/definitions/\(definition)"],
                ])
            }
            let controller = operation.swaggerOperationId.split(separator: "_").first.map(String.init) ?? operation.rawValue
            let answersNothing: Set<PlannerOperation> = [.cancelBooking, .confirmBookingReservation, .setCitizenInformations]
            let responses: [String: Any] = answersNothing.contains(operation)
                ? ["204": ["description": "No Content"]]
                : ["200": ["description": "OK"]]
            var object: [String: Any] = [
                "tags": [controller],
                "operationId": operation.swaggerOperationId,
                "produces": ["application/json", "text/json"],
                "parameters": parameters,
                "responses": responses,
            ]
            if !properties.isEmpty { object["consumes"] = ["application/json", "text/json"] }
            paths["/" + route.path, default: [:]][route.method.rawValue.lowercased()] = object
        }
        let document: [String: Any] = [
            "swagger": "2.0",
            "info": ["version": "v1", "title": title],
            "basePath": "/",
            "paths": paths,
            "definitions": definitions,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return Array(data)
    }

    /// The schema Swashbuckle gives a seed parameter: a GUID (`…Id`), a time (`…Time`), a flag
    /// (`Is…`), the nested consent object (a definition of its own), otherwise a string.
    private static func schema(of name: String, definitions: inout [String: Any]) -> [String: Any] {
        let key = name.lowercased()
        if key == "citizeninformationlightexternaldto" {
            definitions[name] = [
                "type": "object",
                "properties": [
                    "EmailAddress": ["type": "string"],
                    "MobileNumber": ["type": "string"],
                    "AllowTextNotification": ["type": "boolean"],
                    "AllowEmailNotification": ["type": "boolean"],
                ] as [String: Any],
            ] as [String: Any]
            return ["$ref": "#/definitions/\(name)"]
        }
        if key.hasSuffix("id") { return ["type": "string", "format": "uuid"] }
        if key.hasSuffix("time") { return ["type": "string", "format": "date-time"] }
        if key.hasPrefix("is") { return ["type": "boolean"] }
        return ["type": "string"]
    }
}
