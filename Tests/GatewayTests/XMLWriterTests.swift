import Foundation
import SOAP
import Testing

/// The XML writer escapes exactly what XML needs and drops what XML 1.0 cannot carry, however the
/// text is made up: checked against the byte-at-a-time rule it must equal.
@Suite struct XMLWriterTests {
    /// The rule, one byte at a time.
    static func reference(_ text: String, attribute: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\"") where attribute: out += Array("&quot;".utf8)
            case UInt8(ascii: "\r"): out += Array("&#13;".utf8)
            case 0x09, 0x0A: out.append(byte)
            case 0x00..<0x20: continue
            default: out.append(byte)
            }
        }
        return out
    }

    static func written(_ text: String, attribute: Bool) -> [UInt8] {
        var writer = XMLWriter()
        let prologue = writer.bytes.count
        writer.appendEscaped(text, attribute: attribute)
        return Array(writer.bytes[prologue...])
    }

    @Test func numbersAndBooleansAreWrittenAsTheirCanonicalText() {
        var writer = XMLWriter(capacity: 0)
        for value in [0, 7, 10, -42, 1_000_000, Int.max, Int.min] { writer.element("n", integer: value) }
        writer.element("b", true)
        writer.element("b", false)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        let expected = [0, 7, 10, -42, 1_000_000, Int.max, Int.min].map { "<n>\($0)</n>" }.joined() + "<b>true</b><b>false</b>"
        #expect(text.hasSuffix("?>" + expected))
    }

    @Test func specialCharactersAreEscapedAndControlsDropped() {
        #expect(String(decoding: Self.written("a<b>&\"c\"\r\n\t\u{01}æøå 😀", attribute: false), as: UTF8.self)
            == "a&lt;b&gt;&amp;\"c\"&#13;\n\tæøå 😀")
        #expect(String(decoding: Self.written("\"x\" & 'y'", attribute: true), as: UTF8.self) == "&quot;x&quot; &amp; 'y'")
        #expect(Self.written("", attribute: false).isEmpty)
    }

    @Test func anyTextIsWrittenAsTheByteRuleWritesIt() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", "0", " ", "&", "<", ">", "\"", "'", "\r", "\n", "\t", "\u{01}", "\u{1F}", "æ", "😀", "?", "=", "/"]
        for _ in 0..<2000 {
            let length = Int.random(in: 0...24, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            for attribute in [false, true] {
                #expect(Self.written(text, attribute: attribute) == Self.reference(text, attribute: attribute), "\(text.debugDescription)")
            }
        }
    }
}
