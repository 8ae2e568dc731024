/// An incoming SOAP envelope, read once: its header blocks and its single body element.
///
/// `bodyPath` locates the body element inside the libxml2 document, for schema validation.
public struct SOAPEnvelope: Sendable {
    public var version: SOAPVersion
    public var headerBlocks: [XMLNode]
    public var body: XMLNode
    public var bodyPath: [Int]
    public var headerPaths: [Int: [Int]]

    /// Reads an envelope from a parsed document, checking it against the version the transport announced.
    public init(document root: XMLNode, transportVersion: SOAPVersion) throws(SOAPEnvelopeError) {
        guard root.localName == "Envelope" else {
            throw .notAnEnvelope("the root element is \(root.localName), not a SOAP Envelope")
        }
        guard let documentVersion = SOAPVersion(envelopeNamespace: root.namespace) else {
            throw .versionMismatch("the Envelope's namespace is not SOAP 1.1 or SOAP 1.2", transportVersion)
        }
        guard documentVersion == transportVersion else {
            throw .versionMismatch(
                "a \(documentVersion) envelope was sent with the content type of \(transportVersion)", transportVersion)
        }
        self.version = documentVersion
        let namespace = documentVersion.envelopeNamespace
        var headerBlocks: [XMLNode] = []
        var headerPaths: [Int: [Int]] = [:]
        var bodyIndex: Int?
        for (index, child) in root.children.enumerated() {
            guard child.namespace == namespace else {
                throw .malformed("unexpected element \(child.localName) in the Envelope")
            }
            switch child.localName {
            case "Header" where bodyIndex == nil && headerBlocks.isEmpty:
                for (blockIndex, block) in child.children.enumerated() {
                    headerPaths[headerBlocks.count] = [index, blockIndex]
                    headerBlocks.append(block)
                }
            case "Body" where bodyIndex == nil:
                bodyIndex = index
            default:
                throw .malformed("unexpected element \(child.localName) in the Envelope")
            }
        }
        guard let bodyIndex else { throw .malformed("the Envelope has no Body") }
        let bodyChildren = root.children[bodyIndex].children
        guard bodyChildren.count == 1, let payload = bodyChildren.first else {
            throw .malformed("the Body must hold exactly one element, it holds \(bodyChildren.count)")
        }
        self.headerBlocks = headerBlocks
        self.headerPaths = headerPaths
        self.body = payload
        self.bodyPath = [bodyIndex, 0]
    }

    /// The actor (SOAP 1.1) and role (SOAP 1.2) values that name this receiver.
    static let rolesOfThisReceiver: Set<String> = [
        "http://schemas.xmlsoap.org/soap/actor/next", "http://www.w3.org/2003/05/soap-envelope/role/next",
        "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver",
    ]

    /// The header blocks marked `mustUnderstand` (SOAP 1.1 "1", SOAP 1.2 "true" or "1") for this receiver
    /// (no actor/role, or SOAP's "next" / ultimate receiver) that `understood` does not claim: SOAP requires
    /// a MustUnderstand fault for them rather than an answer that pretends they were processed.
    public func notUnderstood(_ understood: (XMLNode) -> Bool) -> [XMLNode] {
        let namespace = version.envelopeNamespace
        let forUs = Self.rolesOfThisReceiver
        return headerBlocks.filter { block in
            func attribute(_ name: String) -> String? {
                block.attributes.first { $0.localName == name && $0.namespace == namespace }?.value.trimmingXMLWhitespace()
            }
            guard let must = attribute("mustUnderstand"), must == "1" || must == "true" else { return false }
            if let target = attribute(version == .soap11 ? "actor" : "role"), !forUs.contains(target) { return false }
            return !understood(block)
        }
    }

    /// The header blocks with this local name and namespace.
    public func headers(_ localName: String, namespace: String) -> [(block: XMLNode, path: [Int])] {
        headerBlocks.enumerated().compactMap { index, block in
            guard block.localName == localName, block.namespace == namespace, let path = headerPaths[index] else {
                return nil
            }
            return (block, path)
        }
    }
}

public enum SOAPEnvelopeError: Error, Sendable, Equatable {
    case notAnEnvelope(String)
    case versionMismatch(String, SOAPVersion)
    case malformed(String)

    public var message: String {
        switch self {
        case .notAnEnvelope(let message), .versionMismatch(let message, _), .malformed(let message): message
        }
    }
}
