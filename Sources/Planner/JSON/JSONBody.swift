import CopenhagenTime
import Foundation

/// Writes Planner request bodies: PascalCase names, dates as Copenhagen local time without offset,
/// GUIDs in lower case, keys sorted (so a body is the same bytes every time), straight into bytes.
struct JSONBody {
    /// A value a body holds.
    enum Value {
        case string(String)
        case bool(Bool)
        case int(Int)
        case object(JSONBody)
    }

    private var fields: [(key: String, value: Value)] = []

    /// Sets `key` (a later value for the same key replaces the earlier); nil leaves it out.
    mutating func set(_ key: String, _ value: Any?) {
        guard let value else { return }
        let converted: Value = switch value {
        case let body as JSONBody: .object(body)
        case let flag as Bool: .bool(flag)
        case let number as Int: .int(number)
        default: .string(Self.text(value))   // dates, GUIDs and text as a URL carries them
        }
        fields.removeAll { $0.key == key }
        fields.append((key, converted))
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

    var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output)
        return output
    }

    private func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (index, field) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONString.append(field.key, to: &output)
            output.append(UInt8(ascii: ":"))
            switch field.value {
            case .string(let text): JSONString.append(text, to: &output)
            case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .int(let number): output.append(contentsOf: String(number).utf8)
            case .object(let body): body.write(to: &output)
            }
        }
        output.append(UInt8(ascii: "}"))
    }
}
