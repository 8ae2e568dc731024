import CopenhagenTime
import Foundation
import SOAP

extension JobnetBookingDetails {
    /// `JobnetBookingDetailsType`, in the XSD's order.
    func write(as element: StaticString, to writer: inout XMLWriter) {
        writer.open(element)
        writer.element("tns:IndkaldelseId", indkaldelseId)
        writer.open("tns:BookingOriginator")
        writer.element("tns:OrganisationCode", integer: organisationCode)
        writer.element("tns:OrganisationTypeIdentifier", integer: organisationTypeIdentifier)
        writer.close("tns:BookingOriginator")
        writer.element("tns:CitizenShouldAcceptBooking", citizenShouldAcceptBooking)
        writer.element("tns:AcceptedBooking", acceptedBooking)
        writer.element("tns:ReBookingPossible", reBookingPossible)
        if let reBookingDeadline { writer.element("tns:ReBookingDeadline", CopenhagenTime.format(reBookingDeadline)) }
        writer.element("tns:CancellationPossible", cancellationPossible)
        if let cancellationDeadline { writer.element("tns:CancellationDeadline", CopenhagenTime.format(cancellationDeadline)) }
        writer.element("tns:SelfBooked", selfBooked)
        writer.element("tns:CompulsoryAttendance", compulsoryAttendance)
        writer.element("tns:BookingStartTime", CopenhagenTime.format(bookingStartTime))
        if let bookingEndTime { writer.element("tns:BookingEndTime", CopenhagenTime.format(bookingEndTime)) }
        writer.element("tns:InterviewTypeIdentifier", integer: interviewTypeIdentifier)
        writer.element("tns:InterviewFormTypeIdentifier", integer: interviewFormTypeIdentifier)
        writer.element("tns:MeetingTitle", meetingTitle.limited(to: 100, orIfEmpty: "-"))
        if let meetingDescription, !meetingDescription.isEmpty {
            writer.element("tns:MeetingDescription", meetingDescription.limited(to: 500))
        }
        writer.element("tns:ImmediateBooking", immediateBooking)
        interviewSupervisor.write(as: "tns:InterviewSupervisor", to: &writer)
        location?.write(to: &writer)
        if telephoneNumber != nil || citizenMustCall != nil {
            writer.open("tns:InterviewContactDetail")
            if let telephoneNumber { writer.element("tns:TelephoneNumberIdentifier", telephoneNumber) }
            if let citizenMustCall { writer.element("tns:CitizenMustCall", citizenMustCall) }
            writer.close("tns:InterviewContactDetail")
        }
        writer.element("tns:InterviewContactTypeIdentifier", integer: interviewContactTypeIdentifier)
        writer.element("tns:ShowCaseWorkerName", showCaseWorkerName)
        writer.close(element)
    }
}
