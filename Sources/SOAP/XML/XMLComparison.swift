/// Compares two XML trees canonically: namespace prefixes, white space between elements, attribute
/// order and namespace declarations do not matter; names (by namespace URI), element order and texts do.
///
/// An expected text may be a placeholder for a value the gateway generates:
/// `{{any}}` any text · `{{guid}}` a GUID · `{{dateTime}}` an xs:dateTime with an offset ·
/// `{{date}}` an xs:date · `{{any-content}}` any content at all (children included).
public enum XMLComparison {
    /// The differences, each with the path where it was found; empty when the trees match.
    public static func differences(expected: XMLNode, actual: XMLNode) -> [String] {
        var found: [String] = []
        compare(expected, actual, path: "/" + expected.localName, into: &found)
        return found
    }

    private static func compare(_ expected: XMLNode, _ actual: XMLNode, path: String, into found: inout [String]) {
        guard expected.localName == actual.localName, expected.namespace == actual.namespace else {
            found.append("\(path): expected {\(expected.namespace ?? "")}\(expected.localName), got {\(actual.namespace ?? "")}\(actual.localName)")
            return
        }
        let expectedText = expected.text.trimmingXMLWhitespace()
        if expectedText == "{{any-content}}" { return }
        let expectedAttributes = attributes(expected)
        let actualAttributes = attributes(actual)
        if expectedAttributes != actualAttributes {
            found.append("\(path): attributes \(actualAttributes) differ from the expected \(expectedAttributes)")
        }
        if expected.children.isEmpty && actual.children.isEmpty {
            let actualText = actual.text.trimmingXMLWhitespace()
            if !matches(expectedText, actualText) {
                found.append("\(path): expected \"\(expectedText)\", got \"\(actualText)\"")
            }
            return
        }
        let count = max(expected.children.count, actual.children.count)
        for index in 0..<count {
            guard index < expected.children.count else {
                found.append("\(path): an unexpected element \(actual.children[index].localName) at position \(index + 1)")
                continue
            }
            guard index < actual.children.count else {
                found.append("\(path): the expected element \(expected.children[index].localName) is missing")
                continue
            }
            compare(expected.children[index], actual.children[index], path: "\(path)/\(expected.children[index].localName)", into: &found)
        }
    }

    private static func attributes(_ node: XMLNode) -> [String: String] {
        var result: [String: String] = [:]
        for attribute in node.attributes where attribute.namespace != "http://www.w3.org/2000/xmlns/" {
            result["{\(attribute.namespace ?? "")}\(attribute.localName)"] = attribute.value
        }
        return result
    }

    static func matches(_ expected: String, _ actual: String) -> Bool {
        switch expected {
        case "{{any}}": return true
        case "{{guid}}": return isGUID(actual)
        case "{{dateTime}}": return isDateTime(actual)
        case "{{date}}": return isDate(actual)
        default: return expected == actual
        }
    }

    static func isGUID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
            && bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || ($0.element >= 48 && $0.element <= 57) }
    }

    static func isDateTime(_ text: String) -> Bool {
        guard text.count == 25, isDate(String(text.prefix(10))) else { return false }
        let time = Array(text.utf8.dropFirst(10))
        return time[0] == UInt8(ascii: "T") && time[3] == UInt8(ascii: ":") && time[6] == UInt8(ascii: ":")
            && (time[9] == UInt8(ascii: "+") || time[9] == UInt8(ascii: "-")) && time[12] == UInt8(ascii: ":")
    }
}
