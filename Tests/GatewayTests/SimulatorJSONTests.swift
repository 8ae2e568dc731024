import Foundation
@testable import PlannerSimulator
import Testing

/// The simulator writes its answers as JSONSerialization would read them back: same values, keys sorted.
@Suite struct SimulatorJSONTests {
    @Test func answersReadBackAsTheValuesWritten() throws {
        let value: [String: Any] = [
            "Id": "c0000000-0000-4000-8000-000000000001", "Type": 2, "Flag": true, "Off": false, "Nothing": NSNull(),
            "Text": "quote \" back \\ slash / newline \n tab \t cr \r bell \u{07} æøå 😀", "Ratio": 1.5, "Whole": 3.0,
            "List": [["B": 1, "A": [Any]()], "x", 0],
        ]
        var bytes: [UInt8] = []
        SimulatorJSON.write(value, to: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"Flag":true,"Id":"c0000000-0000-4000-8000-000000000001","List":[{"A":[],"B":1},"x",0],"Nothing":null,"Off":false,"Ratio":1.5,"#))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(back["Text"] as? String == value["Text"] as? String)
        #expect((back["Whole"] as? NSNumber)?.intValue == 3)
        #expect((back["Ratio"] as? NSNumber)?.doubleValue == 1.5)
        #expect(back["Nothing"] is NSNull)
    }
}
