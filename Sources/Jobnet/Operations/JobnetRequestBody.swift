import SOAP

/// A JCSS v10 request, as typed values read once from its schema-valid body element: what an
/// operation is handed. Each request type reads itself (`init(reading:urlIdentifier:)`, in its
/// `+XML` file), so a new operation brings its own and no switch grows.
public protocol JobnetRequestBody: Sendable {
    /// `urlIdentifier` is the id a v10-style URL carried; `reader.uuid(_:orURL:)` takes it when the body has none.
    init(reading reader: BodyReader, urlIdentifier: String?) throws(StarFault)
    /// The citizen's CPR as the body carries it, when the body carries one.
    var citizenInBody: String? { get }
}

extension JobnetOperation {
    /// Reads the body element of a call to this operation as `Request`: the one place request XML becomes
    /// typed values. An id in a v10-style URL (`/JobnetCitizenStatusService/{Operation}/{id}`) and in the
    /// body must agree; an operation that takes no id takes none in the URL either (1014 otherwise).
    public func request<Request: JobnetRequestBody>(
        _ type: Request.Type, from body: XMLNode, namespace: String, urlIdentifier: String?
    ) throws(StarFault) -> Request {
        guard body.namespace == namespace, body.localName == rawValue else {
            throw StarFault.notValid("the body element \(body.localName) is not \(rawValue)")
        }
        if let name = self.urlIdentifier?.rawValue {
            switch (body.childText(name, namespace: namespace), urlIdentifier) {
            case (nil, nil):
                throw StarFault.notValid("\(name) is neither in the URL nor in the body")
            case (let fromBody?, let fromURL?) where fromBody.lowercased() != fromURL.lowercased():
                throw StarFault.notValid("\(name) in the URL and in the body disagree")
            default:
                break
            }
        } else if urlIdentifier != nil {
            throw StarFault.notValid("\(rawValue) takes no id in the URL")
        }
        return try Request(reading: BodyReader(body: body, namespace: namespace), urlIdentifier: urlIdentifier)
    }
}

extension JobnetRequestBody {
    /// The citizen's CPR as the body carries it, for a request that carries one (StraksbookOgTilmeld):
    /// such a call needs no CPR header. Nil for every other request.
    public var citizenInBody: String? { nil }
}
