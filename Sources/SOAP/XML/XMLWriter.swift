/// A small, fast XML writer: appends to one UTF-8 buffer, escapes text and attribute values,
/// and declares each namespace once on the element that opens it.
///
/// The gateway writes only documents it designs itself (SOAP envelopes and faults), so the writer
/// trades generality for speed: no pretty-printing, no DOM.
public struct XMLWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 2048) {
        bytes.reserveCapacity(capacity)
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    }

    /// Opens `prefix:name`, declaring the given namespaces (prefix → URI) on it.
    public mutating func open(_ qualifiedName: String, declaring namespaces: [(prefix: String, uri: String)] = []) {
        append("<")
        append(qualifiedName)
        for namespace in namespaces {
            append(namespace.prefix.isEmpty ? " xmlns=\"" : " xmlns:\(namespace.prefix)=\"")
            appendEscaped(namespace.uri, attribute: true)
            append("\"")
        }
        append(">")
    }

    /// Opens `name` with attributes, their values escaped; `empty` closes it at once (`<name a="1"/>`).
    public mutating func open(_ qualifiedName: String, attributes: [(name: String, value: String)], empty: Bool = false) {
        append("<")
        append(qualifiedName)
        for attribute in attributes {
            append(" \(attribute.name)=\"")
            appendEscaped(attribute.value, attribute: true)
            append("\"")
        }
        append(empty ? "/>" : ">")
    }

    public mutating func close(_ qualifiedName: String) {
        append("</")
        append(qualifiedName)
        append(">")
    }

    /// `<name>text</name>`, with the text escaped.
    public mutating func element(_ qualifiedName: String, _ text: String) {
        open(qualifiedName)
        appendEscaped(text, attribute: false)
        close(qualifiedName)
    }

    /// An empty element `<name/>`.
    public mutating func empty(_ qualifiedName: String, declaring namespaces: [(prefix: String, uri: String)] = []) {
        open(qualifiedName, declaring: namespaces)
        bytes.removeLast()
        append("/>")
    }

    public mutating func append(_ raw: String) {
        bytes.append(contentsOf: raw.utf8)
    }

    /// Escapes `&`, `<`, `>` (and `"` in attributes), and drops the characters XML 1.0 cannot carry
    /// at all (C0 controls other than tab, CR and LF), so that any string a Planner sends is writable.
    public mutating func appendEscaped(_ text: String, attribute: Bool) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where attribute: bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: "&#13;".utf8)
            case 0x09, 0x0A: bytes.append(byte)
            case 0x00..<0x20: continue
            default: bytes.append(byte)
            }
        }
    }
}
