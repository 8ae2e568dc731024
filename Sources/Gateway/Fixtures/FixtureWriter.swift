import Foundation
import SOAP

/// Writes an answer as an expected-response fixture (record mode), with the values the gateway
/// generates replaced by placeholders: booking and receipt ids by `{{guid}}`, every dateTime by
/// `{{dateTime}}`, every date by `{{date}}`, the free times by `{{any-content}}`.
public struct FixtureWriter: Sendable {
    /// The contract's namespace, written with the prefix `tns`.
    public var payloadNamespace: String

    public init(payloadNamespace: String) {
        self.payloadNamespace = payloadNamespace
    }

    /// The expected-response fixture for an answer, in the answer's own payload namespace.
    public static func expected(from answer: String) throws -> String {
        let root = try XMLParser().parse(Array(answer.utf8)).root
        return FixtureWriter(payloadNamespace: payloadNamespace(in: root) ?? "").expected(root)
    }

    public func expected(from answer: String) throws -> String {
        expected(try XMLParser().parse(Array(answer.utf8)).root)
    }

    func expected(_ root: XMLNode) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        write(root, depth: 0, into: &out, root: true)
        return out
    }

    /// The first namespace in the tree that is not SOAP's own.
    static func payloadNamespace(in node: XMLNode) -> String? {
        if let namespace = node.namespace, ![SOAPVersion.soap11, .soap12].map(\.envelopeNamespace).contains(namespace) { return namespace }
        for child in node.children {
            if let found = payloadNamespace(in: child) { return found }
        }
        return nil
    }

    private func name(_ node: XMLNode) -> String {
        let prefixes = [
            "http://schemas.xmlsoap.org/soap/envelope/": "soap", "http://www.w3.org/2003/05/soap-envelope": "soap",
            payloadNamespace: "tns",
        ]
        guard let namespace = node.namespace, let prefix = prefixes[namespace] else { return node.localName }
        return "\(prefix):\(node.localName)"
    }

    private func write(_ node: XMLNode, depth: Int, into out: inout String, root: Bool = false) {
        let indent = String(repeating: "  ", count: depth)
        let declarations = root ? " xmlns:soap=\"\(node.namespace ?? "")\" xmlns:tns=\"\(payloadNamespace)\"" : ""
        if node.localName == "BookingTimeslotCollection" {
            out += "\(indent)<\(name(node))>{{any-content}}</\(name(node))>\n"
            return
        }
        if node.children.isEmpty {
            out += "\(indent)<\(name(node))\(declarations)>\(escape(placeholder(for: node)))</\(name(node))>\n"
            return
        }
        out += "\(indent)<\(name(node))\(declarations)>\n"
        for child in node.children { write(child, depth: depth + 1, into: &out) }
        out += "\(indent)</\(name(node))>\n"
    }

    private func placeholder(for node: XMLNode) -> String {
        let text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Ids the gateway generates; the demo data's own booking ids (e0000000-…) stay as they are.
        if ["IndkaldelseId", "ReceiptIdentifier"].contains(node.localName), !text.hasPrefix("e0000000-0000-4000-8000-") {
            return "{{guid}}"
        }
        if text.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"#, options: .regularExpression) != nil { return "{{dateTime}}" }
        if text.range(of: #"^\d{4}-\d\d-\d\d$"#, options: .regularExpression) != nil { return "{{date}}" }
        return text
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
