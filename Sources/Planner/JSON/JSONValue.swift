import CopenhagenTime
import Foundation

/// A lenient reader over Planner's JSON: property names match PascalCase (as the seed writes them)
/// or camelCase, and a missing or mistyped required field is a `PlannerError.invalidResponse` naming it.
struct JSONObject {
    let values: [String: Any]
    let context: String

    init(_ any: Any?, context: String) throws(PlannerError) {
        guard let values = any as? [String: Any] else {
            throw .invalidResponse("\(context): expected a JSON object")
        }
        self.values = values
        self.context = context
    }

    static func parse(_ data: [UInt8], context: String) throws(PlannerError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(data), options: [.fragmentsAllowed])
        } catch {
            throw .invalidResponse("\(context): the body is not JSON")
        }
    }

    func raw(_ key: String) -> Any? {
        if let value = values[key] { return value }
        let camel = key.prefix(1).lowercased() + key.dropFirst()
        if let value = values[camel] { return value }
        return values.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }?.value
    }

    func optionalString(_ key: String) -> String? {
        guard let value = raw(key), !(value is NSNull) else { return nil }
        return value as? String
    }

    func string(_ key: String) throws(PlannerError) -> String {
        guard let value = optionalString(key) else { throw .invalidResponse("\(context): \(key) is missing") }
        return value
    }

    func uuid(_ key: String) throws(PlannerError) -> UUID {
        guard let value = UUID(text: try string(key)) else { throw .invalidResponse("\(context): \(key) is not a GUID") }
        return value
    }

    func optionalUUID(_ key: String) -> UUID? { optionalString(key).flatMap(UUID.init(text:)) }

    func date(_ key: String) throws(PlannerError) -> Date {
        guard let value = CopenhagenTime.parse(try string(key)) else {
            throw .invalidResponse("\(context): \(key) is not a date and time")
        }
        return value
    }

    func optionalDate(_ key: String) -> Date? { optionalString(key).flatMap(CopenhagenTime.parse) }

    func int(_ key: String) throws(PlannerError) -> Int {
        switch raw(key) {
        case let value as Int: return value
        case let value as Double where value == value.rounded() && abs(value) < 1e15: return Int(value)
        default: throw .invalidResponse("\(context): \(key) is missing or not a number")
        }
    }

    func bool(_ key: String, default defaultValue: Bool? = nil) throws(PlannerError) -> Bool {
        if let value = raw(key) as? Bool { return value }
        if let defaultValue { return defaultValue }
        throw .invalidResponse("\(context): \(key) is missing or not a boolean")
    }

    func array(_ key: String) -> [Any] { (raw(key) as? [Any]) ?? [] }
}

/// Writes Planner request bodies: PascalCase names, dates as Copenhagen local time without offset.
struct JSONBody {
    private var fields: [(String, Any)] = []

    mutating func set(_ key: String, _ value: Any?) {
        guard let value else { return }
        switch value {
        case let date as Date: fields.append((key, CopenhagenTime.local(date)))
        case let uuid as UUID: fields.append((key, uuid.lowercasedText))
        case let body as JSONBody: fields.append((key, body.dictionary))
        default: fields.append((key, value))
        }
    }

    /// A value as it is written in a URL (path or query): dates as Copenhagen local time without
    /// offset, GUIDs in lower case, booleans as `true`/`false`.
    static func text(_ value: Any) -> String {
        switch value {
        case let date as Date: CopenhagenTime.local(date)
        case let uuid as UUID: uuid.lowercasedText
        case let flag as Bool: flag ? "true" : "false"
        default: "\(value)"
        }
    }

    var dictionary: [String: Any] { Dictionary(fields, uniquingKeysWith: { _, last in last }) }

    var bytes: [UInt8] {
        // The values are strings, numbers, booleans and nested dictionaries: always serialisable.
        let data = (try? JSONSerialization.data(withJSONObject: dictionary, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Array(data)
    }
}
