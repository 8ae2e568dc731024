/// The JSON reader: RFC 8259, one pass over the bytes, nesting at most `maximumDepth` deep. A top-level
/// scalar is accepted (CreateBookingReservation may answer a bare GUID string); anything after the value
/// but whitespace is an error, as are control characters in strings, lone surrogates and numbers JSON
/// does not allow (leading zeros, `+`, `.5`, `NaN`).
extension JSONValue {
    static let maximumDepth = 64

    struct SyntaxError: Error, Equatable {
        var offset: Int
    }

    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        try Parser.reading(bytes) { (parser) throws(SyntaxError) -> JSONValue in
            let value = try parser.value(depth: 0)
            try parser.end()
            return value
        }
    }

    /// The grammar, once: `value(depth:)` builds a tree; the pull methods (JSONValue+Pull.swift) let a
    /// model read its fields straight from the bytes.
    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        var error: SyntaxError { SyntaxError(offset: index) }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
            skipWhitespace()
            guard index < bytes.count else { throw error }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: StaticString) throws(SyntaxError) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw error }
            index += count
        }

        mutating func object(depth: Int) throws(SyntaxError) -> JSONValue {
            var members: [Member] = []
            guard try beginObject(depth: depth) else { return .object(members) }
            repeat {
                members.append(Member(key: try memberKey(), value: try value(depth: depth)))
            } while try nextInObject()
            return .object(members)
        }

        mutating func array(depth: Int) throws(SyntaxError) -> JSONValue {
            var elements: [JSONValue] = []
            guard try beginArray(depth: depth) else { return .array(elements) }
            repeat {
                elements.append(try value(depth: depth))
            } while try nextInArray()
            return .array(elements)
        }

        /// The string at `index` (its opening quote), unescaped and checked as UTF-8 (JSON requires it, and
        /// Foundation's reader refused what is not), for as long as `body` runs: without escapes — nearly
        /// every string Planner sends — the body's own bytes, nothing copied. Every string and key is read
        /// through here.
        mutating func withString<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) throws(SyntaxError) -> Result {
            guard peek() == UInt8(ascii: "\"") else { throw error }
            let start = index + 1
            switch try unescaped() {
            case .plain(let range):
                let plain = UnsafeBufferPointer(rebasing: bytes[range])
                if plain.contains(where: { $0 >= 0x80 }), String(validating: plain, as: UTF8.self) == nil {
                    throw SyntaxError(offset: start)
                }
                return body(plain)
            case .escaped(let unescaped):
                guard String(validating: unescaped, as: UTF8.self) != nil else { throw SyntaxError(offset: start) }
                return unescaped.withUnsafeBufferPointer(body)
            }
        }

        /// The string at `index`: one allocation at most (none up to 15 bytes).
        mutating func string() throws(SyntaxError) -> String {
            try withString { String(decoding: $0, as: UTF8.self) }
        }

        /// A member's key at `index`, held by value when short (`JSONKey`).
        mutating func key() throws(SyntaxError) -> JSONKey {
            try withString(JSONKey.init)
        }

        /// A string's content: where it lies in the body when it has no escapes, else its unescaped bytes.
        private enum Unescaped {
            case plain(Range<Int>)
            case escaped([UInt8])
        }

        private mutating func unescaped() throws(SyntaxError) -> Unescaped {
            index += 1   // "
            let start = index
            // The common case: no escapes, nothing copied.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return .plain(start..<(index - 1))
                }
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else { throw error }
                index += 1
            }
            var result = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return .escaped(result)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw error }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escaped)
                    case UInt8(ascii: "b"): result.append(0x08)
                    case UInt8(ascii: "f"): result.append(0x0C)
                    case UInt8(ascii: "n"): result.append(0x0A)
                    case UInt8(ascii: "r"): result.append(0x0D)
                    case UInt8(ascii: "t"): result.append(0x09)
                    case UInt8(ascii: "u"): try appendUnicodeEscape(to: &result)
                    default: throw error
                    }
                default:
                    guard byte >= 0x20 else { throw error }
                    result.append(byte)
                    index += 1
                }
            }
            throw error
        }

        /// `\uXXXX` (after its `\u`), a surrogate pair `\uD8xx\uDCxx` as one scalar, appended as UTF-8.
        mutating func appendUnicodeEscape(to result: inout [UInt8]) throws(SyntaxError) {
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error
                }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error }
            result.append(contentsOf: UTF8.encode(unicode)!)
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw error
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`; integers of up to 15 digits without a
        /// fraction or exponent are read exactly here, the rest by the standard library.
        mutating func number() throws(SyntaxError) -> Double {
            let start = index
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error }
            var integer: Int64 = 0
            var digits = 0
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                digits = 1
            } else {
                while index < bytes.count, isDigit(bytes[index]) {
                    if digits < 18 { integer = integer * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
                    digits += 1
                    index += 1
                }
            }
            var simple = digits <= 15
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                simple = false
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw error }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                simple = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw error }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if simple { return Double(negative ? -integer : integer) }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { throw SyntaxError(offset: start) }
            return value
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }
}
