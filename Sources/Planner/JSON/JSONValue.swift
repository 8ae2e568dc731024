/// One JSON value as Planner sent it, read once from its bytes (`JSONValue.parse`).
///
/// Instead of Foundation's `JSONSerialization` into `Any`: no dynamic casts, no `NSNumber`, no
/// `NSString`; an object keeps its members in the order they came, and a key is looked up by
/// comparing bytes, ASCII case folded (`JSONObject`), because a Planner may write PascalCase as the
/// seed does, or camelCase.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    struct Member: Sendable, Equatable {
        /// The key's UTF-8 bytes, unescaped.
        var key: JSONKey
        var value: JSONValue
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

}
