import CLibXML2

/// Parses untrusted XML with libxml2, safely.
///
/// - A DTD of any kind is refused as soon as the parser meets `<!DOCTYPE` (SOAP 1.1 §3 and SOAP 1.2
///   §5 forbid one in a message). The SAX hooks for the internal and external subset and for entity
///   declarations stop the parser, so no entity is ever declared, expanded or loaded: XXE and
///   billion-laughs documents die at their first line.
/// - `XML_PARSE_NONET` forbids any network access; `XML_PARSE_NOENT` and `XML_PARSE_DTDLOAD` are never
///   set; `XML_PARSE_HUGE` is never set, so libxml2's own depth and size limits stay on.
/// - Errors are taken from the parser context, never printed to stderr.
public struct XMLParser: Sendable {
    public var limits: XMLParseLimits

    public init(limits: XMLParseLimits = XMLParseLimits()) {
        self.limits = limits
        XMLLibrary.initialize()
    }

    /// Parses `bytes` into a libxml2 document for schema validation and into an `XMLNode` tree.
    public func parse(_ bytes: [UInt8]) throws(XMLParseError) -> ParsedXMLDocument {
        guard bytes.count <= limits.maximumBytes else {
            throw XMLParseError(.tooLarge, "document of \(bytes.count) bytes exceeds the limit of \(limits.maximumBytes)")
        }
        guard !bytes.isEmpty else { throw XMLParseError(.notWellFormed, "empty document") }
        // Per thread in libxml2: installed before every parse, on whichever thread runs it.
        clibxml2_silence_generic_errors()
        guard let context = xmlNewParserCtxt() else {
            throw XMLParseError(.notWellFormed, "libxml2 could not allocate a parser")
        }
        defer { xmlFreeParserCtxt(context) }
        Self.refuseDocumentTypeDeclarations(context)

        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                xmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, nil, options)
            }
        }
        let stoppedForDTD = context.pointee._private != nil
        guard let document, context.pointee.wellFormed != 0, !stoppedForDTD else {
            if let document { xmlFreeDoc(document) }
            if stoppedForDTD {
                throw XMLParseError(.documentTypeDeclaration, "a DOCTYPE declaration is not allowed in a SOAP message")
            }
            throw XMLParseError(.notWellFormed, Self.lastError(context) ?? "the document is not well-formed XML")
        }
        let parsed = ParsedXMLDocument(document: document)
        guard let rootPointer = xmlDocGetRootElement(document) else {
            throw XMLParseError(.notWellFormed, "the document has no root element")
        }
        parsed.root = try Self.node(from: rootPointer, depth: 1, limit: limits.maximumDepth)
        return parsed
    }

    /// Sets the SAX hooks that stop the parser at the first sign of a DTD.
    private static func refuseDocumentTypeDeclarations(_ context: xmlParserCtxtPtr) {
        guard let sax = context.pointee.sax else { return }
        sax.pointee.internalSubset = { userData, _, _, _ in XMLParser.stop(userData) }
        sax.pointee.externalSubset = { userData, _, _, _ in XMLParser.stop(userData) }
        sax.pointee.entityDecl = { userData, _, _, _, _, _ in XMLParser.stop(userData) }
        sax.pointee.resolveEntity = { userData, _, _ in XMLParser.stop(userData); return nil }
        sax.pointee.getEntity = { userData, _ in XMLParser.stop(userData); return nil }
    }

    private static func stop(_ userData: UnsafeMutableRawPointer?) {
        guard let context = userData?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
        // Any non-nil marker will do: the context is ours alone and freed after this parse.
        context.pointee._private = UnsafeMutableRawPointer(bitPattern: 1)
        xmlStopParser(context)
    }

    static func lastError(_ context: xmlParserCtxtPtr) -> String? {
        guard let error = xmlCtxtGetLastError(context), let message = error.pointee.message else { return nil }
        let text = String(cString: message).trimmingXMLWhitespace()
        return "line \(error.pointee.line): \(text)"
    }

    private static func node(from pointer: xmlNodePtr, depth: Int, limit: Int) throws(XMLParseError) -> XMLNode {
        guard depth <= limit else {
            throw XMLParseError(.tooDeep, "elements nest deeper than the limit of \(limit)")
        }
        let element = pointer.pointee
        var node = XMLNode(
            namespace: element.ns.flatMap { $0.pointee.href }.map { String(cString: $0) },
            localName: String(cString: element.name))
        var attribute = element.properties
        while let current = attribute {
            // An attribute's value is the text of its children (entities are never declared, so never referenced).
            var value = ""
            var part = current.pointee.children
            while let text = part {
                if let content = text.pointee.content { value += String(cString: content) }
                part = text.pointee.next
            }
            node.attributes.append(XMLAttribute(
                namespace: current.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) },
                localName: String(cString: current.pointee.name), value: value))
            attribute = current.pointee.next
        }
        var child = element.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                node.children.append(try Self.node(from: current, depth: depth + 1, limit: limit))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { node.text += String(cString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        return node
    }
}

/// A libxml2 document kept alive for schema validation, with its value-type tree.
public final class ParsedXMLDocument {
    let document: xmlDocPtr
    public internal(set) var root: XMLNode = XMLNode(namespace: nil, localName: "")

    init(document: xmlDocPtr) { self.document = document }
    deinit { xmlFreeDoc(document) }

    /// The libxml2 element at this path of child-element indexes from the root.
    func element(at path: [Int]) -> xmlNodePtr? {
        guard var current = xmlDocGetRootElement(document) else { return nil }
        for index in path {
            var seen = 0
            var child = current.pointee.children
            var found: xmlNodePtr?
            while let node = child {
                if node.pointee.type == XML_ELEMENT_NODE {
                    if seen == index { found = node; break }
                    seen += 1
                }
                child = node.pointee.next
            }
            guard let found else { return nil }
            current = found
        }
        return current
    }
}
