import SOAP

extension CaseWorker {
    func write(as element: StaticString, to writer: inout XMLWriter) {
        writer.open(element)
        writer.element("tns:CaseWorkerGivenName", givenName.limited(to: 50, orIfEmpty: "-"))
        if let middleName, !middleName.isEmpty { writer.element("tns:CaseWorkerMiddleName", middleName.limited(to: 40)) }
        writer.element("tns:CaseWorkerSurname", surname.limited(to: 40, orIfEmpty: "-"))
        writer.element("tns:CaseWorkerIdentifier", identifier.limited(to: 255, orIfEmpty: "-"))
        writer.close(element)
    }
}
