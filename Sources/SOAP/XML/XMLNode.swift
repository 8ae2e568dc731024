/// A parsed XML element as a value: the rest of the gateway never touches a libxml2 pointer.
///
/// Only what a SOAP message needs is kept: the element's qualified name, its attributes, its
/// element children in order and its own text (the concatenation of its text and CDATA children).
public struct XMLNode: Sendable, Equatable {
    public var namespace: String?
    public var localName: String
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]
    public var text: String

    public init(
        namespace: String?, localName: String, attributes: [XMLAttribute] = [],
        children: [XMLNode] = [], text: String = ""
    ) {
        self.namespace = namespace
        self.localName = localName
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child element with this local name (in `namespace` when given).
    public func child(_ localName: String, namespace: String? = nil) -> XMLNode? {
        children.first { $0.localName == localName && (namespace == nil || $0.namespace == namespace) }
    }

    /// All child elements with this local name (in `namespace` when given).
    public func children(_ localName: String, namespace: String? = nil) -> [XMLNode] {
        children.filter { $0.localName == localName && (namespace == nil || $0.namespace == namespace) }
    }

    /// The trimmed text of the named child, or nil when the child is absent.
    public func childText(_ localName: String, namespace: String? = nil) -> String? {
        child(localName, namespace: namespace).map { $0.text.trimmingXMLWhitespace() }
    }
}

public struct XMLAttribute: Sendable, Equatable {
    public var namespace: String?
    public var localName: String
    public var value: String

    public init(namespace: String?, localName: String, value: String) {
        self.namespace = namespace
        self.localName = localName
        self.value = value
    }
}

extension StringProtocol {
    /// Trims the four XML white-space characters (space, tab, CR, LF), as xs:token collapsing does at the edges.
    public func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
