import SOAP

extension ResolvedStarError {
    /// The SOAP fault for this error: HTTP 500, faultcode Client or Server, the English text as the
    /// faultstring, and `Fejl` (Fejlkode, NyFejlkode, Fejltekst, Beskrivelse) as the detail.
    public func faultMessage(version: SOAPVersion, namespace: String) -> [UInt8] {
        SOAPMessageWriter.fault(
            version: version, payloadNamespace: namespace,
            code: error.side == .client ? .client : .server, reason: error.english
        ) { writer in
            writeDetail(to: &writer)
        }
    }

    /// A VersionMismatch fault, still carrying Fejlkode 1014 in its detail.
    public func versionMismatchMessage(version: SOAPVersion, namespace: String) -> [UInt8] {
        protocolFault(.versionMismatch, version: version, namespace: namespace)
    }

    /// A MustUnderstand fault (a header block marked mustUnderstand the gateway does not process), still
    /// carrying Fejlkode 1014 in its detail.
    /// In SOAP 1.2 its header names each block in a `NotUnderstood` element.
    public func mustUnderstandMessage(
        version: SOAPVersion, namespace: String, notUnderstood: [(namespace: String?, localName: String)] = []
    ) -> [UInt8] {
        protocolFault(.mustUnderstand, version: version, namespace: namespace, notUnderstood: notUnderstood)
    }

    private func protocolFault(
        _ code: SOAPFaultCode, version: SOAPVersion, namespace: String, notUnderstood: [(namespace: String?, localName: String)] = []
    ) -> [UInt8] {
        SOAPMessageWriter.fault(
            version: version, payloadNamespace: namespace, code: code, reason: error.english, notUnderstood: notUnderstood
        ) { writer in
            writeDetail(to: &writer)
        }
    }

    private func writeDetail(to writer: inout XMLWriter) {
        writer.open("tns:Fejl")
        writer.element("tns:Fejlkode", integer: error.code)
        if let newCode { writer.element("tns:NyFejlkode", integer: newCode) }
        writer.element("tns:Fejltekst", error.danish)
        writer.element("tns:Beskrivelse", error.english)
        writer.close("tns:Fejl")
    }
}
