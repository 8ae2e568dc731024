/// The request of an operation whose body carries nothing but the call itself (GetBorgerstatus,
/// GetSelvbookingMoedetilbud, GetStraksbookingMoedetider, GetBookings): the CPR travels in the header.
public struct NoRequestBody: JobnetRequestBody, Equatable {
    public init() {}

    public init(reading reader: BodyReader, urlIdentifier: String?) throws(StarFault) {}
}
