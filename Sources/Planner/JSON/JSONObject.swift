import CopenhagenTime
import Foundation

/// A lenient reader over one of Planner's JSON objects: a property is found by its name as the seed
/// writes it (PascalCase), in camelCase, or in any other ASCII casing, and a missing or mistyped
/// required field is a `PlannerError.invalidResponse` naming it.
struct JSONObject {
    let members: [JSONValue.Member]
    let context: String

    init(_ value: JSONValue?, context: String) throws(PlannerError) {
        guard case .object(let members)? = value else {
            throw .invalidResponse("\(context): expected a JSON object")
        }
        self.members = members
        self.context = context
    }

    static func parse(_ data: [UInt8], context: String) throws(PlannerError) -> JSONValue {
        do {
            return try JSONValue.parse(data)
        } catch {
            throw .invalidResponse("\(context): the body is not JSON")
        }
    }

    /// The value of `key`: an exact match first (the seed's spelling), else one that differs only in
    /// ASCII case; nil when absent.
    func raw(_ key: String) -> JSONValue? {
        key.utf8.withContiguousStorageIfAvailable(find) ?? Array(key.utf8).withUnsafeBufferPointer(find)
    }

    private func find(_ wanted: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        var folded: JSONValue?
        for member in members where member.key.count == wanted.count {
            switch member.key.withBytes({ Self.match($0, UnsafeRawBufferPointer(wanted)) }) {
            case .exact: return member.value
            case .folded where folded == nil: folded = member.value
            default: continue
            }
        }
        return folded
    }

    /// How a key matches a wanted property name. Of several members that match, the exact one is
    /// taken, else the first that differs in ASCII case only.
    enum Match: Int, Comparable {
        case none, folded, exact

        static func < (lhs: Match, rhs: Match) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    static func match(_ key: UnsafeRawBufferPointer, _ wanted: UnsafeRawBufferPointer) -> Match {
        guard key.count == wanted.count else { return .none }
        var exact = true
        for index in 0..<wanted.count {
            let a = key[index]
            let b = wanted[index]
            if a != b {
                exact = false
                if fold(a) != fold(b) { return .none }
            }
        }
        return exact ? .exact : .folded
    }

    static func match(_ key: JSONKey, _ wanted: StaticString) -> Match {
        key.withBytes { match($0, UnsafeRawBufferPointer(start: wanted.utf8Start, count: wanted.utf8CodeUnitCount)) }
    }

    /// ASCII letters to lower case; every other byte as it is.
    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    func optionalString(_ key: String) -> String? { raw(key)?.string }

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
        guard case .number(let value)? = raw(key), value == value.rounded(), abs(value) < 1e15 else {
            throw .invalidResponse("\(context): \(key) is missing or not a number")
        }
        return Int(value)
    }

    func optionalBool(_ key: String) -> Bool? { raw(key)?.bool }

    func bool(_ key: String, default defaultValue: Bool? = nil) throws(PlannerError) -> Bool {
        if let value = optionalBool(key) { return value }
        if let defaultValue { return defaultValue }
        throw .invalidResponse("\(context): \(key) is missing or not a boolean")
    }

    func array(_ key: String) -> [JSONValue] { raw(key)?.array ?? [] }
}
