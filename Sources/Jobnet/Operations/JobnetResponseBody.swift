import SOAP

/// A JCSS v10 answer as typed values: it writes its content inside the operation's response element
/// (`tns:{Operation}Response`, the `tns` prefix bound by the envelope). Strings from Planner are cut to
/// the contract's lengths, so a long Planner title never makes the answer invalid.
public protocol JobnetResponseBody: Sendable {
    func write(to writer: inout XMLWriter)

    /// About how many bytes the whole answer takes, so that its buffer is reserved once rather than
    /// grown (and copied) by doubling from 2 KB: a timeslot list is tens of kilobytes.
    var estimatedBytes: Int { get }
}

extension JobnetResponseBody {
    public var estimatedBytes: Int { 2_048 }
}

extension JobnetOperation {
    /// The response element with `body` inside it.
    public func writeResponse(_ body: some JobnetResponseBody, to writer: inout XMLWriter) {
        let root = "tns:" + responseElement
        writer.open(named: root)
        body.write(to: &writer)
        writer.close(named: root)
    }
}
