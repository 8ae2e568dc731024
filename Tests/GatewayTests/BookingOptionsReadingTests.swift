import Foundation
@testable import Planner
import Testing

/// BookingOptions is read straight from its bytes (`PlannerBookingOption.read`); every body must
/// come out exactly as the general reading (a `JSONValue` tree through `JSONObject`) gives it: the same
/// options, or the same failure.
@Suite struct BookingOptionsReadingTests {
    /// The general reading, as the other Planner answers are read.
    static func reference(_ body: [UInt8]) -> Result<[PlannerBookingOption], PlannerError> {
        do throws(PlannerError) {
            let json = try JSONObject.parse(body, context: "BookingOptions")
            guard let items = json.array else { throw .invalidResponse("BookingOptions: expected a JSON array") }
            return .success(try items.map { (item) throws(PlannerError) in
                let object = try JSONObject(item, context: "BookingOptions")
                let dateTime = try object.date("DateTime")
                var resourceIds: [UUID] = []
                for case .string(let text) in object.array("ResourceIds") {
                    guard let id = UUID(text: text) else { throw .invalidResponse("BookingOptions: ResourceIds holds a non-GUID") }
                    resourceIds.append(id)
                }
                return PlannerBookingOption(dateTime: dateTime, resourceIds: resourceIds, taskId: object.optionalString("TaskId"))
            })
        } catch {
            return .failure(error)
        }
    }

    static func direct(_ body: [UInt8]) -> Result<[PlannerBookingOption], PlannerError> {
        do throws(PlannerError) { return try PlannerBookingOption.read(body) } catch { return .failure(error) }
    }

    static let mette = "b0000000-0000-4000-8000-000000000001"
    static let lars = "B0000000-0000-4000-8000-000000000002"

    static let bodies: [String] = [
        #"[{"DateTime":"2026-11-26T08:00:00","ResourceIds":["\#(mette)","\#(lars)"]},{"DateTime":"2026-11-26T08:30:00","ResourceIds":[],"TaskId":"t-1"}]"#,
        #"[]"#, #" [ ] "#, "\u{FEFF}[]",
        #"[{"dateTime":"2026-11-26T08:00:00+01:00","resourceIds":["\#(mette)"],"taskId":"x"}]"#,
        #"[{"DATETIME":"2026-11-26T08:00:00Z","DateTime":"2026-11-26T09:00:00"}]"#,
        #"[{"datetime":"2026-11-26T08:00:00","DATETIME":"not a date"}]"#,
        #"[{"DateTime":"2026-11-26T08:00:00","DateTime":"2026-11-27T08:00:00"}]"#,
        #"[{"DateTime":"2026-11-26T08:00:00","taskid":"folded","TaskId":"first","TaskId":"second","TASKID":"third"}]"#,
        #"[{"DateTime":"2026-11-26T08:00:00","taskId":"a","TASKID":"b","resourceids":["\#(mette)"],"RESOURCEIDS":["\#(lars)"]}]"#,
        #"[{"DateTime":"2026-11-26T08:00:00","ResourceIds":["\#(mette)"],"ResourceIds":["\#(lars)"]}]"#,
        #"[{"DateTime":"2026\u002d11-26T08:00:00","ResourceIds":["\#(mette)",3,null,{"a":[1]},"\#(lars)"],"TaskId":7}]"#,
        #"[{"DateTime":"2026-11-26T08:00:00","ResourceIds":"\#(mette)"}]"#,
        #"[{"DateTime":"2026-11-26T08:00:00","ResourceIds":["not-a-guid"]}]"#,
        #"[{"ResourceIds":[]}]"#, #"[{"DateTime":"2026-11-26T08:00:00","ResourceIds":}]"#, #"[{"ResourceIds":,"DateTime":"x"}]"#,
        #"[{"DateTime":}]"#, #"[{"DateTime":"2026-11-26T08:00:00","TaskId":}]"#, #"[{"datetime":}]"#,
        #"[{"DateTime":"2026-11-26T08:00:00","resourceids":["x"],"ResourceIds":[]}]"#,
        #"[{"DateTime":"2026-11-26T08:00:00","ResourceIds":["x"],"resourceids":[]}]"#, #"[{"DateTime":8}]"#, #"[{"DateTime":"2026-13-01T08:00:00"}]"#,
        #"[1,{"DateTime":"2026-11-26T08:00:00"}]"#, #"[{"DateTime":"2026-11-26T08:00:00"},"x"]"#,
        #"[{"DateTime":"2026-11-26T08:00:00","Extra":{"Deep":[[[{"a":"\u00e6"}]]]},"TaskId":"\u00e6\ud83d\ude00"}]"#,
        #"{"DateTime":"2026-11-26T08:00:00"}"#, #""text""#, "null", "",
        #"[{"DateTime":"2026-11-26T08:00:00"}"#, #"[{"DateTime":"2026-11-26T08:00:00"}]]"#,
        #"[{"DateTime":"2026-11-26T08:00:00",}]"#, #"[{"ResourceIds":["x"]},{"DateTime":1},]"#,
        #"[{"DateTime":"2026-11-26T08:00:00","ResourceIds":["\#(mette)"]},{"ResourceIds":["bad"]}, {"DateTime":"x"}]"#,
        String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
        #"[{"a":"# + String(repeating: "[", count: 62) + String(repeating: "]", count: 62) + "}]",
        #"[{"a":"# + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "}]",
    ]

    @Test(arguments: bodies)
    func readsAsTheGeneralReadingDoes(_ text: String) {
        let body = Array(text.utf8)
        #expect(Self.direct(body) == Self.reference(body))
    }

    /// As for the answers read through a `JSONValue`: a body that is not JSON fails the Planner call
    /// itself (thrown); JSON that is not the options, or no body (a 201 or 204), fails the operation only.
    @Test func aBodyThatIsNotJSONFailsTheCallAndWrongContentTheOperation() throws {
        #expect(throws: PlannerError.invalidResponse("BookingOptions: the body is not JSON")) {
            _ = try PlannerBookingOption.read(Array("[{".utf8))
        }
        #expect(try PlannerBookingOption.read(Array(#"[{"ResourceIds":[]}]"#.utf8))
            == .failure(.invalidResponse("BookingOptions: DateTime is missing")))
        #expect(try PlannerBookingOption.read(nil) == .failure(.invalidResponse("BookingOptions: expected a JSON array")))
    }

    /// Every prefix of a valid answer, and every single byte of it replaced by a JSON-significant one:
    /// the same outcome both ways.
    @Test func everyCutAndEveryReplacedByteReadsTheSameBothWays() {
        let body = Array(Self.bodies[0].utf8) + Array(#"   "#.utf8)
        var variants: [[UInt8]] = (0...body.count).map { Array(body[..<$0]) }
        for index in body.indices {
            for replacement in Array(#"[]{}",:0aZ\ "#.utf8) + [0x00, 0xC3, 0xFF] where replacement != body[index] {
                var changed = body
                changed[index] = replacement
                variants.append(changed)
            }
        }
        var differing = 0
        for variant in variants where Self.direct(variant) != Self.reference(variant) {
            differing += 1
            if differing <= 3 { Issue.record("differs for \(String(decoding: variant, as: UTF8.self))") }
        }
        #expect(differing == 0, "\(variants.count) variants")
    }
}
