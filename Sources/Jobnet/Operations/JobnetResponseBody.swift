import SOAP

/// A JCSS v10 answer as typed values: it writes its content inside the operation's response element
/// (`tns:{Operation}Response`, the `tns` prefix bound by the envelope). Strings from Planner are cut to
/// the contract's lengths, so a long Planner title never makes the answer invalid.
public protocol JobnetResponseBody: Sendable {
    func write(to writer: inout XMLWriter)
}

extension JobnetOperation {
    /// The response element with `body` inside it.
    public func writeResponse(_ body: some JobnetResponseBody, to writer: inout XMLWriter) {
        let root = "tns:" + responseElement
        writer.open(root)
        body.write(to: &writer)
        writer.close(root)
    }
}
