/// Why a Swagger document could not be read as Planner's service catalogue.
///
/// A struct with a kind rather than an enum with payloads, so that callers (and tests) can compare
/// against `SwaggerError.notJSON` while the message still says exactly what was wrong.
public struct SwaggerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The bytes are not a JSON object.
        case notJSON
        /// A JSON object, but not a Swagger 2.0 document (OpenAPI 3, or no `swagger` key).
        case notSwagger2
        /// Swagger 2.0, but a part the catalogue needs is missing or has the wrong shape.
        case malformed
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public static let notJSON = SwaggerError(
        kind: .notJSON, message: "not a JSON object: expected the Swagger document (e.g. …/swagger/docs/v1), not the Swagger UI page")

    public static let notSwagger2 = SwaggerError(
        kind: .notSwagger2, message: "not a Swagger 2.0 document (`swagger: \"2.0\"` is missing; OpenAPI 3 is not read)")

    public static func malformed(_ detail: String) -> SwaggerError {
        SwaggerError(kind: .malformed, message: "malformed Swagger 2.0 document: \(detail)")
    }
}
