import SOAP

/// CreateSelvbooking's and CreateOmbooking's answer: the booking made, as `JobnetBookingDetails`.
extension JobnetBookingDetails: JobnetResponseBody {
    public func write(to writer: inout XMLWriter) {
        write(as: "tns:JobnetBookingDetails", to: &writer)
    }
}
