/// The parser's pull side: a reader walks arrays and objects itself and reads the values it wants
/// straight from the body's bytes, skipping the rest — for the one answer that is long (BookingOptions:
/// hundreds of options), where building a `JSONValue` tree and then models from it cost a tree of
/// allocations. The grammar is the tree's own (the same primitives), so whatever one refuses the other does.
extension JSONValue.Parser {
    /// The byte at the next value, after whitespace; nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    /// Enters an array (at its `[`); false when it is empty (and then already left).
    mutating func beginArray(depth: Int) throws(JSONValue.SyntaxError) -> Bool {
        try enter(UInt8(ascii: "["), UInt8(ascii: "]"), depth: depth)
    }

    /// After an array's element: true when another follows, false when the array has ended (and is left).
    mutating func nextInArray() throws(JSONValue.SyntaxError) -> Bool {
        try next(before: UInt8(ascii: "]"))
    }

    /// Enters an object (at its `{`); false when it is empty (and then already left).
    mutating func beginObject(depth: Int) throws(JSONValue.SyntaxError) -> Bool {
        try enter(UInt8(ascii: "{"), UInt8(ascii: "}"), depth: depth)
    }

    /// A member's key and its colon; the reader is then at the member's value.
    mutating func memberKey() throws(JSONValue.SyntaxError) -> JSONKey {
        guard peek() == UInt8(ascii: "\"") else { throw error }
        let key = try key()
        guard peek() == UInt8(ascii: ":") else { throw error }
        index += 1
        return key
    }

    /// After a member's value: true when another member follows, false when the object has ended.
    mutating func nextInObject() throws(JSONValue.SyntaxError) -> Bool {
        try next(before: UInt8(ascii: "}"))
    }

    /// Enters a container opened by `open`; false when `close` follows at once (and is consumed).
    private mutating func enter(_ open: UInt8, _ close: UInt8, depth: Int) throws(JSONValue.SyntaxError) -> Bool {
        guard depth <= JSONValue.maximumDepth, peek() == open else { throw error }
        index += 1
        guard peek() == close else { return true }
        index += 1
        return false
    }

    /// After an element or member: a comma (another follows) or `close` (the container ends); else an error.
    private mutating func next(before close: UInt8) throws(JSONValue.SyntaxError) -> Bool {
        switch peek() {
        case UInt8(ascii: ","):
            index += 1
            return true
        case close:
            index += 1
            return false
        default:
            throw error
        }
    }

    /// Reads past one value, checking it as `value(depth:)` would, building nothing.
    mutating func skipValue(depth: Int) throws(JSONValue.SyntaxError) {
        switch peek() {
        case UInt8(ascii: "{"):
            guard try beginObject(depth: depth + 1) else { return }
            repeat {
                _ = try memberKey()
                try skipValue(depth: depth + 1)
            } while try nextInObject()
        case UInt8(ascii: "["):
            guard try beginArray(depth: depth + 1) else { return }
            repeat { try skipValue(depth: depth + 1) } while try nextInArray()
        case UInt8(ascii: "\""):
            try withString { _ in }
        case nil:
            throw error
        default:
            _ = try value(depth: depth)   // a literal or a number: nothing to allocate
        }
    }

    /// Checks that nothing but whitespace follows the top-level value.
    mutating func end() throws(JSONValue.SyntaxError) {
        guard peek() == nil else { throw error }
    }

    /// A reader over `bytes`, past a UTF-8 byte-order mark (RFC 8259 §8.1: ignored, as Foundation did).
    static func reading<Result>(
        _ bytes: [UInt8], _ body: (inout Self) throws(JSONValue.SyntaxError) -> Result
    ) throws(JSONValue.SyntaxError) -> Result {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONValue.SyntaxError) -> Result in
            var parser = Self(bytes: buffer)
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { parser.index = 3 }
            return try body(&parser)
        }
    }
}
