import Foundation
@testable import Planner
import Testing

/// The JSON reader Planner's answers go through: RFC 8259 read exactly, key lookup that tolerates a
/// Planner's casing, and the same values Foundation's JSONSerialization reads.
@Suite struct JSONValueTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    /// Foundation's reading of the same bytes, as a JSONValue, to compare with.
    static func foundation(_ any: Any) -> JSONValue {
        switch any {
        case is NSNull: return .null
        case let dictionary as [String: Any]:
            return .object(dictionary.keys.sorted().map { .init(key: JSONKey(Array($0.utf8)), value: foundation(dictionary[$0]!)) })
        case let array as [Any]: return .array(array.map(foundation))
        case let string as String: return .string(string)
        case let flag as Bool where type(of: any) == Bool.self: return .bool(flag)
        case let number as NSNumber:
            // Foundation's booleans are NSNumbers of a char.
            if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            return .number(number.doubleValue)
        default: return .null
        }
    }

    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.map { .init(key: $0.key, value: sortedKeys($0.value)) }
                .sorted { String(decoding: $0.key.bytes, as: UTF8.self) < String(decoding: $1.key.bytes, as: UTF8.self) })
        case .array(let elements): return .array(elements.map(sortedKeys))
        default: return value
        }
    }

    @Test func valuesAreReadAsJSONSerializationReadsThem() throws {
        let samples = [
            #"{"Id":"c0000000-0000-4000-8000-000000000001","Type":1,"Title":"Jobsamtale \u00e6\u00f8\u00e5 \ud83d\ude00","Children":[],"ExipryDate":null,"ShowCaseWorkerName":true}"#,
            #"[{"DateTime":"2026-12-01T09:30:00","ResourceIds":["b0000000-0000-4000-8000-000000000002"],"TaskId":null}, {"dateTime":"2026-12-01T10:00:00.1234567+01:00"}]"#,
            #"  {"a":-0.5e-3,"b":1E+2,"c":123456789012345,"d":-0,"e":"tab\tnew\nline \"quoted\" back\\slash\/","f":[[],{},[{}]]}  "#,
            #""c0000000-0000-4000-8000-000000000001""#, "true", "null", "42",
            "{\"Title\":\"Møde på jobcentret\"}",
        ]
        for sample in samples {
            let ours = try Self.parse(sample)
            let theirs = Self.foundation(try JSONSerialization.jsonObject(with: Data(sample.utf8), options: [.fragmentsAllowed]))
            #expect(Self.sortedKeys(ours) == theirs, "\(sample)")
        }
    }

    /// Mutated Planner answers: the reader never crashes, and what it accepts Foundation accepts too, with
    /// the same values (it may refuse more: lone surrogates, nesting past 64, numbers past Double's range).
    @Test func mutatedAnswersAreReadAsFoundationReadsThemOrRefused() throws {
        let answer = Array(#"[{"DateTime":"2026-12-01T09:30:00","ResourceIds":["b0000000-0000-4000-8000-000000000002"],"TaskId":null,"Seats":-1.5e2},{"dateTime":"2026-12-01T10:00:00.1234567+01:00","Flag":true,"Text":"\u00e6\n\"x\""}]"#.utf8)
        let alphabet = Array(#"{}[]:,"\/ -+.0123456789eEtrufalsnu"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA6, 0xFF]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes = answer
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<max(1, bytes.count), using: &generator)
                switch Int.random(in: 0...2, using: &generator) {
                case 0 where !bytes.isEmpty: bytes[index] = alphabet.randomElement(using: &generator)!
                case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: min(index, bytes.count))
                default: if !bytes.isEmpty { bytes.remove(at: index) }
                }
            }
            guard let ours = try? JSONValue.parse(bytes) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let theirs = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
                Issue.record("accepted what Foundation refuses: \(text)")
                continue
            }
            #expect(Self.sortedKeys(ours) == Self.foundation(theirs), "\(text)")
        }
    }

    @Test func whatJSONDoesNotAllowIsRefused() throws {
        let bad = [
            "", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[01]", "[+1]", "[.5]", "[1.]", "[1e]", "NaN", "[Infinity]",
            "\"unterminated", "\"bad escape \\x\"", "\"lone \\ud83d surrogate\"", "\"low \\ude00 first\"", "\"\u{01} control\"",
            "{} extra", "[1] [2]", "tru", "nul", "'single'",
            String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
        ]
        for text in bad {
            #expect(throws: JSONValue.SyntaxError.self, "\(text.prefix(40))") { try Self.parse(text) }
        }
        // A string that is not UTF-8 (a stray byte, a sequence cut short), in a value or a key.
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0x61, 0xC3, 0x22], [0x7B, 0x22, 0xE2, 0x82, 0x22, 0x3A, 0x31, 0x7D]] {
            #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(bytes) }
        }
        #expect(try JSONValue.parse([0x22, 0xC3, 0xA6, 0x22]) == .string("æ"))
        // A UTF-8 byte-order mark before the value is ignored (RFC 8259 §8.1), as Foundation ignored it.
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number(1)]))
        // Nesting up to the limit is fine.
        #expect(throws: Never.self) { try Self.parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) }
    }

    @Test func propertiesAreFoundInAnyASCIICasingTheExactOneFirst() throws {
        let object = try JSONObject(try Self.parse(#"{"personStatusId":"x","TITLE":"upper","Title":"exact","type":3,"Flag":true}"#), context: "t")
        #expect(object.optionalString("PersonStatusId") == "x")
        #expect(object.optionalString("Title") == "exact")
        #expect(object.optionalString("title") == "upper", "no exact match: the first that differs in case only")
        #expect(try object.int("Type") == 3)
        #expect(object.optionalBool("flag") == true)
        #expect(object.raw("Missing") == nil)
        #expect(throws: PlannerError.self) { try object.int("Title") }
        // Keys of 16 bytes and fewer are held inline, longer ones apart; an escaped key is unescaped.
        let keys = try JSONObject(try Self.parse(
            #"{"SixteenBytesKey":1,"SeventeenBytesKey":2,"ALongerKeyThanAnyOfTheSeeds":3,"Escaped":4,"":5,"Sixteenbyteskey":6}"#),
            context: "t")
        #expect(try keys.int("SixteenBytesKey") == 1)
        #expect(try keys.int("sixteenbyteskey") == 1, "the first that differs in case only")
        #expect(try keys.int("Sixteenbyteskey") == 6, "the exact one first")
        #expect(try keys.int("SeventeenBytesKey") == 2)
        #expect(try keys.int("alongerkeythananyoftheseeds") == 3)
        #expect(try keys.int("Escaped") == 4)
        #expect(try keys.int("") == 5)
        #expect(keys.raw("SixteenBytesKe") == nil && keys.raw("SixteenBytesKeyX") == nil)
    }

    @Test func urlValuesArePercentEncodedAsUTF8AllButUnreservedASCII() {
        #expect("7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0001".urlQueryEncoded == "7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0001")
        #expect("2026-11-26T08:00:00".urlQueryEncoded == "2026-11-26T08%3A00%3A00")
        #expect("a b&c=d/e?f#g+h%".urlQueryEncoded == "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25")
        #expect("Ærø æ".urlQueryEncoded == "%C3%86r%C3%B8%20%C3%A6")
        #expect("-._~".urlQueryEncoded == "-._~")
    }

    @Test func requestBodiesAreWrittenAsJSONWithSortedKeys() throws {
        var inner = JSONBody()
        inner.set("MobileNumber", "+45 12 34 56 78")
        inner.set("AllowTextNotification", false)
        var body = JSONBody()
        body.set("Cpr", "0101901111")
        body.set("DepartmentId", UUID(uuidString: "7D1C2F0E-5B7A-4C59-9A43-0C2A6F1D0001")!)
        body.set("Note", "quote \" backslash \\ newline \n")
        body.set("Light", inner)
        body.set("Count", 3)
        body.set("Cpr", "0202902222")   // the later value wins
        body.set("Absent", nil)
        let text = String(decoding: body.bytes, as: UTF8.self)
        #expect(text == #"{"Count":3,"Cpr":"0202902222","DepartmentId":"7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0001","Light":{"AllowTextNotification":false,"MobileNumber":"+45 12 34 56 78"},"Note":"quote \" backslash \\ newline \n"}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(body.bytes)) is [String: Any])
    }
}
