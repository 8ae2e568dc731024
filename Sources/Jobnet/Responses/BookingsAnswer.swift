import SOAP

/// GetBookings' answer: the citizen's current bookings (`JobnetBookingDetailsCollection`).
public struct BookingsAnswer: JobnetResponseBody, Equatable {
    public var bookings: [JobnetBookingDetails]

    public init(_ bookings: [JobnetBookingDetails]) {
        self.bookings = bookings
    }

    public func write(to writer: inout XMLWriter) {
        writer.open("tns:JobnetBookingDetailsCollection")
        for booking in bookings { booking.write(as: "tns:JobnetBookingDetails", to: &writer) }
        writer.close("tns:JobnetBookingDetailsCollection")
    }
}
