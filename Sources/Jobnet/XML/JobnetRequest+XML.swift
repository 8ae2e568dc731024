import SOAP

extension JobnetRequest {
    /// Maps a schema-valid body element to a typed request: the one place request XML is read.
    ///
    /// `urlIdentifier` is the id a v10-style URL carried (`/JobnetCitizenStatusService/{Operation}/{id}`);
    /// when the body carries the id too, the two must agree (else 1014).
    public init(body: XMLNode, namespace: String, urlIdentifier: String?) throws(StarFault) {
        guard body.namespace == namespace, let operation = JobnetOperation(rawValue: body.localName) else {
            throw StarFault(StarFault.validationFailed, "unknown operation element \(body.localName)")
        }
        if let name = operation.urlIdentifier?.rawValue {
            let bodyIdentifier = body.childText(name, namespace: namespace)
            switch (bodyIdentifier, urlIdentifier) {
            case (nil, nil):
                throw StarFault(StarFault.validationFailed, "\(name) is neither in the URL nor in the body")
            case (let fromBody?, let fromURL?) where fromBody.lowercased() != fromURL.lowercased():
                throw StarFault(StarFault.validationFailed, "\(name) in the URL and in the body disagree")
            default:
                break
            }
        } else if urlIdentifier != nil {
            throw StarFault(StarFault.validationFailed, "\(operation.rawValue) takes no id in the URL")
        }
        switch operation {
        case .getBorgerstatus: self = .getBorgerstatus
        case .getSelvbookingMoedetilbud: self = .getSelvbookingMoedetilbud
        default: self = .notImplemented(operation)
        }
    }
}
