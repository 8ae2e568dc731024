/// WS-Addressing, as far as the gateway reads it: the caller's MessageID, taken as the call's
/// correlation id when no `x-requestId` HTTP header is sent.
extension SOAPEnvelope {
    /// The WS-Addressing namespaces a SOAP toolkit may use (the 2005 recommendation and the 2004 submission).
    public static let addressingNamespaces = [
        "http://www.w3.org/2005/08/addressing", "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    ]

    /// The text of the `wsa:MessageID` header block, if there is exactly one.
    public var addressingMessageId: String? {
        let blocks = Self.addressingNamespaces.flatMap { headers("MessageID", namespace: $0) }
        guard blocks.count == 1 else { return nil }
        return blocks[0].block.text.trimmingXMLWhitespace()
    }
}
