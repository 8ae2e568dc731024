import CopenhagenTime
import SOAP

extension StraksbookOgTilmeldResult: JobnetResponseBody {
    /// The receipt for the enrollment the gateway recorded, then the booking made.
    public func write(to writer: inout XMLWriter) {
        writer.open("tns:ServiceReceipt")
        writer.element("tns:ReceiptDateTime", CopenhagenTime.format(receiptTime))
        writer.element("tns:ReceiptIdentifier", receiptId)
        writer.element("tns:ReceiptText", receiptText.limited(to: 10_000))
        writer.close("tns:ServiceReceipt")
        writer.element("tns:EnrollmentRecorded", "true")
        booking.write(as: "tns:JobnetBookingDetails", to: &writer)
    }
}
