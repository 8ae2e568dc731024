import CLibXML2

/// The contract's XSD, compiled once at start-up and shared by every request.
///
/// libxml2 documents a compiled `xmlSchema` as read-only after parsing and safe to share; each
/// validation gets its own `xmlSchemaValidCtxt`, so validations run concurrently without a lock.
public final class SchemaValidator: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    /// The schema's targetNamespace: the one place the gateway learns the contract's namespace.
    public let targetNamespace: String

    /// Compiles the schema from its text. The text is handed to libxml2 from memory so that no
    /// entity loader is involved (the gateway's loader refuses every external load).
    public init(schemaText: [UInt8], name: String) throws(XMLParseError) {
        XMLLibrary.initialize()
        let collector = ErrorCollector()
        let parserContext: xmlSchemaParserCtxtPtr? = schemaText.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlSchemaNewMemParserCtxt($0, Int32(buffer.count))
            }
        }
        guard let parserContext else { throw XMLParseError(.schemaInvalid, "\(name): cannot read the schema") }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        let box = Unmanaged.passUnretained(collector).toOpaque()
        xmlSchemaSetParserStructuredErrors(parserContext, ErrorCollector.handler, box)
        guard let schema = xmlSchemaParse(parserContext) else {
            throw XMLParseError(.schemaInvalid, "\(name): \(collector.messages.joined(separator: "; "))")
        }
        let root = try XMLParser(limits: XMLParseLimits(maximumBytes: schemaText.count + 1)).parse(schemaText).root
        guard let namespace = root.attributes.first(where: { $0.localName == "targetNamespace" })?.value else {
            xmlSchemaFree(schema)
            throw XMLParseError(.schemaInvalid, "\(name): the schema has no targetNamespace")
        }
        self.schema = schema
        self.targetNamespace = namespace
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates the element at `path` (child-element indexes from the root) of `document` against
    /// the global element declaration of the same name. Returns the validator's messages, empty when valid.
    public func validate(_ document: ParsedXMLDocument, elementAt path: [Int]) -> [String] {
        guard let element = document.element(at: path) else { return ["element not found"] }
        guard let context = xmlSchemaNewValidCtxt(schema) else { return ["cannot create a schema validation context"] }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = ErrorCollector()
        xmlSchemaSetValidStructuredErrors(context, ErrorCollector.handler, Unmanaged.passUnretained(collector).toOpaque())
        let result = withExtendedLifetime(collector) { xmlSchemaValidateOneElement(context, element) }
        if result == 0 { return [] }
        return collector.messages.isEmpty ? ["validation failed (libxml2 code \(result))"] : collector.messages
    }
}

/// Gathers libxml2's structured errors for one parse or validation.
final class ErrorCollector {
    var messages: [String] = []

    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error, let message = error.pointee.message else { return }
        let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
        // At most a handful: a hostile document could produce thousands.
        guard collector.messages.count < 5 else { return }
        collector.messages.append(String(cString: message).trimmingXMLWhitespace())
    }
}
