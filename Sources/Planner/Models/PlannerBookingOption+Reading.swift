import CopenhagenTime
import Foundation

extension PlannerBookingOption {
    /// BookingOptions' answer, read straight from its bytes (JSONValue+Pull.swift) rather than through a
    /// `JSONValue` tree: an answer holds hundreds of options, each a date and GUIDs, which the tree made
    /// into strings first. The reading is `JSONObject`'s — a property in any ASCII casing, of several
    /// the exact spelling first, other properties ignored — and so are the failures: a body that is not
    /// JSON says so, whatever an option's trouble; else the first option's first trouble.
    ///
    /// Its two kinds of failure are kept apart, as the client classifies them: a body that is not JSON is
    /// thrown (the Planner call failed: `invalid_response` in the mapping log's call), an answer that is
    /// JSON but not the options the seed describes is returned (the call succeeded; the operation fails),
    /// as for the answers read through a `JSONValue`. No body at all (a 201 or 204) is JSON's null.
    static func read(_ body: [UInt8]?) throws(PlannerError) -> Result<[PlannerBookingOption], PlannerError> {
        guard let body else { return .failure(.invalidResponse("BookingOptions: expected a JSON array")) }
        do {
            return try JSONValue.Parser.reading(body) { (reader) throws(JSONValue.SyntaxError) -> Result<[PlannerBookingOption], PlannerError> in
                guard reader.peek() == UInt8(ascii: "[") else {
                    try reader.skipValue(depth: 0)
                    try reader.end()
                    return .failure(.invalidResponse("BookingOptions: expected a JSON array"))
                }
                var options: [PlannerBookingOption] = []
                var firstTrouble: PlannerError?
                if try reader.beginArray(depth: 1) {
                    repeat {
                        switch try option(&reader) {
                        case .success(let option): options.append(option)
                        case .failure(let trouble): firstTrouble = firstTrouble ?? trouble
                        }
                    } while try reader.nextInArray()
                }
                try reader.end()
                return firstTrouble.map { .failure($0) } ?? .success(options)
            }
        } catch {
            throw .invalidResponse("BookingOptions: the body is not JSON")
        }
    }

    /// One option, the reader at its value (an element of the array, at depth 1).
    ///
    /// One pass: a property whose key matches exactly is read where it stands (the first exact one
    /// wins, so nothing later can replace it); one that matches only in another casing is noted and read
    /// afterwards, if no exact one came. Troubles are reported in the properties' order once the whole
    /// object has been checked.
    private static func option(_ reader: inout JSONValue.Parser) throws(JSONValue.SyntaxError) -> Result<PlannerBookingOption, PlannerError> {
        guard reader.peek() == UInt8(ascii: "{") else {
            try reader.skipValue(depth: 1)
            return .failure(.invalidResponse("BookingOptions: expected a JSON object"))
        }
        var dateTime = Property<DateTimeValue>()
        var resourceIds = Property<Result<[UUID], PlannerError>>()
        var taskId = Property<String?>()
        if try reader.beginObject(depth: 2) {
            repeat {
                let key = try reader.memberKey()
                if try dateTime.offer(key, "DateTime", &reader, read: readDateTime) { continue }
                if try resourceIds.offer(key, "ResourceIds", &reader, read: readResourceIds) { continue }
                if try taskId.offer(key, "TaskId", &reader, read: readTaskId) { continue }
                try reader.skipValue(depth: 2)
            } while try reader.nextInObject()
        }
        let date: Date
        switch try dateTime.value(reader, read: readDateTime) ?? .missing {
        case .missing: return .failure(.invalidResponse("BookingOptions: DateTime is missing"))
        case .notADate: return .failure(.invalidResponse("BookingOptions: DateTime is not a date and time"))
        case .date(let value): date = value
        }
        let resources: [UUID]
        switch try resourceIds.value(reader, read: readResourceIds) ?? .success([]) {
        case .success(let ids): resources = ids
        case .failure(let trouble): return .failure(trouble)
        }
        let task = try taskId.value(reader, read: readTaskId) ?? nil
        return .success(PlannerBookingOption(dateTime: date, resourceIds: resources, taskId: task))
    }

    /// One property of an option as the object is read: its value when a key matched exactly, or where
    /// the first key that matched in another casing has its value.
    private struct Property<Value> {
        var match = JSONObject.Match.none
        var read: Value?
        var foldedAt = 0

        /// Takes the member whose key is `key` if it is this property's (`name`): an exact match is read
        /// now (`read` consumes the value), a folded one skipped and noted. False: not this property's.
        mutating func offer(
            _ key: JSONKey, _ name: StaticString, _ reader: inout JSONValue.Parser,
            read: (inout JSONValue.Parser) throws(JSONValue.SyntaxError) -> Value
        ) throws(JSONValue.SyntaxError) -> Bool {
            let found = JSONObject.match(key, name)
            guard found != .none else { return false }
            if found > match, found == .exact {
                self.read = try read(&reader)
            } else {
                if found > match { foldedAt = reader.index }
                try reader.skipValue(depth: 2)
            }
            match = max(match, found)
            return true
        }

        /// The property's value once the object is read: nil when no key matched.
        func value(
            _ reader: JSONValue.Parser, read: (inout JSONValue.Parser) throws(JSONValue.SyntaxError) -> Value
        ) throws(JSONValue.SyntaxError) -> Value? {
            switch match {
            case .none: return nil
            case .exact: return self.read
            case .folded:
                var value = reader
                value.index = foldedAt
                return try read(&value)
            }
        }
    }

    private enum DateTimeValue {
        case missing, notADate, date(Date)
    }

    /// DateTime: a string holding a date and time; anything else is as good as missing.
    private static func readDateTime(_ reader: inout JSONValue.Parser) throws(JSONValue.SyntaxError) -> DateTimeValue {
        guard reader.peek() == UInt8(ascii: "\"") else {
            try reader.skipValue(depth: 2)
            return .missing
        }
        return try reader.withString { CopenhagenTime.parse($0) }.map(DateTimeValue.date) ?? .notADate
    }

    /// ResourceIds: GUIDs; anything but a string in it, or anything but an array, is no resource.
    private static func readResourceIds(_ reader: inout JSONValue.Parser) throws(JSONValue.SyntaxError) -> Result<[UUID], PlannerError> {
        guard reader.peek() == UInt8(ascii: "[") else {
            try reader.skipValue(depth: 2)
            return .success([])
        }
        guard try reader.beginArray(depth: 3) else { return .success([]) }
        var ids: [UUID] = []
        var nonGUID = false
        repeat {
            if reader.peek() == UInt8(ascii: "\"") {
                if let id = try reader.withString({ UUID(utf8: $0) }) { ids.append(id) } else { nonGUID = true }
            } else {
                try reader.skipValue(depth: 3)
            }
        } while try reader.nextInArray()
        return nonGUID ? .failure(.invalidResponse("BookingOptions: ResourceIds holds a non-GUID")) : .success(ids)
    }

    /// TaskId: a string, else none.
    private static func readTaskId(_ reader: inout JSONValue.Parser) throws(JSONValue.SyntaxError) -> String? {
        guard reader.peek() == UInt8(ascii: "\"") else {
            try reader.skipValue(depth: 2)
            return nil
        }
        return try reader.withString { String(decoding: $0, as: UTF8.self) }
    }
}
