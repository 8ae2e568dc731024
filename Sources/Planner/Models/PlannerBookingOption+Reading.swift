import CopenhagenTime
import Foundation

extension PlannerBookingOption {
    /// BookingOptions' answer, read straight from its bytes (JSONValue+Pull.swift) rather than through a
    /// `JSONValue` tree: an answer holds hundreds of options, each a date and GUIDs, which the tree made
    /// into strings first. The reading is `JSONObject`'s — a property in any ASCII casing, of several
    /// the exact spelling first, other properties ignored — and so are the failures: a body that is not
    /// JSON says so, whatever an option's trouble; else the first option's first trouble.
    static func list(from body: [UInt8]) throws(PlannerError) -> [PlannerBookingOption] {
        let outcome = JSONValue.Parser.reading(body) { reader -> Result<[PlannerBookingOption], PlannerError>? in
            do throws(JSONValue.SyntaxError) {
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
            } catch {
                return nil
            }
        }
        guard let outcome else { throw .invalidResponse("BookingOptions: the body is not JSON") }
        return try outcome.get()
    }

    /// One option, the reader at its value (an element of the array, at depth 1).
    private static func option(_ reader: inout JSONValue.Parser) throws(JSONValue.SyntaxError) -> Result<PlannerBookingOption, PlannerError> {
        guard reader.peek() == UInt8(ascii: "{") else {
            try reader.skipValue(depth: 1)
            return .failure(.invalidResponse("BookingOptions: expected a JSON object"))
        }
        // First the whole object is checked, noting where the best-matching key's value of each property
        // starts; then those values are read.
        var dateTime: (at: Int, match: JSONObject.Match) = (0, .none)
        var resourceIds = dateTime
        var taskId = dateTime
        if try reader.beginObject(depth: 2) {
            repeat {
                let key = try reader.memberKey()
                let at = reader.index
                if case let match = JSONObject.match(key, "DateTime"), match > dateTime.match { dateTime = (at, match) }
                if case let match = JSONObject.match(key, "ResourceIds"), match > resourceIds.match { resourceIds = (at, match) }
                if case let match = JSONObject.match(key, "TaskId"), match > taskId.match { taskId = (at, match) }
                try reader.skipValue(depth: 2)
            } while try reader.nextInObject()
        }
        func value(_ property: (at: Int, match: JSONObject.Match)) -> JSONValue.Parser? {
            guard property.match != .none else { return nil }
            var value = reader
            value.index = property.at
            return value
        }
        // DateTime: required, a date and time.
        guard var text = value(dateTime), text.peek() == UInt8(ascii: "\"") else {
            return .failure(.invalidResponse("BookingOptions: DateTime is missing"))
        }
        guard let date = try text.withString({ CopenhagenTime.parse($0) }) else {
            return .failure(.invalidResponse("BookingOptions: DateTime is not a date and time"))
        }
        // ResourceIds: GUIDs; anything but a string in it, or anything but an array, is no resource.
        var resources: [UUID] = []
        if var list = value(resourceIds), list.peek() == UInt8(ascii: "["), try list.beginArray(depth: 3) {
            repeat {
                if list.peek() == UInt8(ascii: "\"") {
                    guard let id = try list.withString({ UUID(utf8: $0) }) else {
                        return .failure(.invalidResponse("BookingOptions: ResourceIds holds a non-GUID"))
                    }
                    resources.append(id)
                } else {
                    try list.skipValue(depth: 3)
                }
            } while try list.nextInArray()
        }
        // TaskId: a string, else none.
        var task: String?
        if var text = value(taskId), text.peek() == UInt8(ascii: "\"") {
            task = try text.withString { String(decoding: $0, as: UTF8.self) }
        }
        return .success(PlannerBookingOption(dateTime: date, resourceIds: resources, taskId: task))
    }
}
