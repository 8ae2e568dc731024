import SOAP

/// An answer with nothing to say: the empty response element (SaveIndkaldelsesaccept, DeleteBooking,
/// CreateFejlmelding).
public struct EmptyAnswer: JobnetResponseBody, Equatable {
    public init() {}

    public func write(to writer: inout XMLWriter) {}
}
