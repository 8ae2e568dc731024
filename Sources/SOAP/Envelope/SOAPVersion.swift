/// SOAP 1.1 or 1.2: the envelope namespace, the content type and the fault vocabulary differ.
public enum SOAPVersion: Sendable, Equatable, CustomStringConvertible {
    case soap11
    case soap12

    public var envelopeNamespace: String {
        switch self {
        case .soap11: "http://schemas.xmlsoap.org/soap/envelope/"
        case .soap12: "http://www.w3.org/2003/05/soap-envelope"
        }
    }

    public var contentType: String {
        switch self {
        case .soap11: "text/xml; charset=utf-8"
        case .soap12: "application/soap+xml; charset=utf-8"
        }
    }

    public var description: String { self == .soap11 ? "SOAP 1.1" : "SOAP 1.2" }

    /// The version a request's Content-Type announces: `application/soap+xml` is SOAP 1.2; `text/xml`
    /// (and, leniently, a missing type) is SOAP 1.1.
    public init(contentType: String?) {
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingXMLWhitespace().lowercased() } ?? ""
        self = mediaType == "application/soap+xml" ? .soap12 : .soap11
    }

    init?(envelopeNamespace: String?) {
        switch envelopeNamespace {
        case SOAPVersion.soap11.envelopeNamespace: self = .soap11
        case SOAPVersion.soap12.envelopeNamespace: self = .soap12
        default: return nil
        }
    }
}
