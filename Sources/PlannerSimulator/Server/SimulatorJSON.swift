import Foundation
import Planner

/// Writes the simulator's answers (dictionaries, arrays, strings, numbers, booleans, `NSNull`) as JSON
/// with sorted keys, as `JSONSerialization` with `.sortedKeys` would, straight into bytes: Foundation's
/// writer was a quarter of the simulator's CPU per BookingOptions, and a load test against the simulator
/// should measure the gateway.
enum SimulatorJSON {
    static func write(_ value: Any, to output: inout [UInt8]) {
        switch value {
        case let text as String:
            JSONString.append(text, escapingSlash: true, to: &output)
        case let flag as Bool:
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case let number as Int:
            output.append(contentsOf: String(number).utf8)
        case let number as Double:
            output.append(contentsOf: (number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)).utf8)
        case let dictionary as [String: Any]:
            output.append(UInt8(ascii: "{"))
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONString.append(key, escapingSlash: true, to: &output)
                output.append(UInt8(ascii: ":"))
                write(dictionary[key]!, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case let array as [Any]:
            output.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        default:
            // NSNull, and anything else: null.
            output.append(contentsOf: "null".utf8)
        }
    }
}
