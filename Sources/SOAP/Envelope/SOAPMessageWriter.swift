/// Writes outgoing SOAP envelopes: a response body or a fault.
public enum SOAPMessageWriter {
    /// An envelope whose body is written by `body`; `payloadNamespace` is declared on the Envelope
    /// with the prefix `tns`, so the body can use `tns:` names throughout. `capacity`: the bytes to
    /// reserve at once (about the whole answer's size).
    public static func envelope(
        version: SOAPVersion, payloadNamespace: String, capacity: Int = 2_048, header: ((inout XMLWriter) -> Void)? = nil,
        body: (inout XMLWriter) -> Void
    ) -> [UInt8] {
        var writer = XMLWriter(capacity: capacity)
        writer.open("soap:Envelope", declaring: [("soap", version.envelopeNamespace), ("tns", payloadNamespace)])
        if let header {
            writer.open("soap:Header")
            header(&writer)
            writer.close("soap:Header")
        }
        writer.open("soap:Body")
        body(&writer)
        writer.close("soap:Body")
        writer.close("soap:Envelope")
        return writer.bytes
    }

    /// A SOAP fault in the vocabulary of `version`. `detail` writes the content of the detail element.
    ///
    /// `notUnderstood` (a MustUnderstand fault's header blocks) is written in SOAP 1.2 as the
    /// `NotUnderstood` header blocks its §5.4.8 describes, one per block, each naming it by QName; SOAP 1.1
    /// has no such element.
    public static func fault(
        version: SOAPVersion, payloadNamespace: String, code: SOAPFaultCode, reason: String,
        notUnderstood: [(namespace: String?, localName: String)] = [],
        detail: (inout XMLWriter) -> Void
    ) -> [UInt8] {
        let header: ((inout XMLWriter) -> Void)? = version == .soap12 && !notUnderstood.isEmpty ? { writer in
            for (index, block) in notUnderstood.enumerated() {
                if let namespace = block.namespace, !namespace.isEmpty {
                    writer.open("soap:NotUnderstood", attributes: [("qname", "nu\(index):\(block.localName)"), ("xmlns:nu\(index)", namespace)], empty: true)
                } else {
                    writer.open("soap:NotUnderstood", attributes: [("qname", block.localName)], empty: true)
                }
            }
        } : nil
        return envelope(version: version, payloadNamespace: payloadNamespace, header: header) { writer in
            writer.open("soap:Fault")
            switch version {
            case .soap11:
                writer.element("faultcode", "soap:\(code.soap11Name)")
                writer.element("faultstring", reason)
                writer.open("detail")
                detail(&writer)
                writer.close("detail")
            case .soap12:
                writer.open("soap:Code")
                writer.element("soap:Value", "soap:\(code.soap12Name)")
                writer.close("soap:Code")
                writer.open("soap:Reason")
                writer.append("<soap:Text xml:lang=\"en\">")
                writer.appendEscaped(reason, attribute: false)
                writer.append("</soap:Text>")
                writer.close("soap:Reason")
                writer.open("soap:Detail")
                detail(&writer)
                writer.close("soap:Detail")
            }
            writer.close("soap:Fault")
        }
    }
}

/// Who is at fault: the caller (Client/Sender), the gateway or Planner (Server/Receiver), or the
/// envelope's version.
public enum SOAPFaultCode: Sendable, Equatable {
    case client
    case server
    case versionMismatch
    /// A header block marked mustUnderstand that the receiver does not process.
    case mustUnderstand

    var soap11Name: String {
        switch self {
        case .client: "Client"
        case .server: "Server"
        case .versionMismatch: "VersionMismatch"
        case .mustUnderstand: "MustUnderstand"
        }
    }

    var soap12Name: String {
        switch self {
        case .client: "Sender"
        case .server: "Receiver"
        case .versionMismatch: "VersionMismatch"
        case .mustUnderstand: "MustUnderstand"
        }
    }
}
