import CopenhagenTime
import Foundation
import SOAP

extension JobnetBookingDetails {
    /// `JobnetBookingDetailsType`, in the XSD's order.
    func write(as element: String, to writer: inout XMLWriter) {
        func flag(_ name: String, _ value: Bool) { writer.element(name, value ? "true" : "false") }
        writer.open(element)
        writer.element("tns:IndkaldelseId", indkaldelseId)
        writer.open("tns:BookingOriginator")
        writer.element("tns:OrganisationCode", String(organisationCode))
        writer.element("tns:OrganisationTypeIdentifier", String(organisationTypeIdentifier))
        writer.close("tns:BookingOriginator")
        flag("tns:CitizenShouldAcceptBooking", citizenShouldAcceptBooking)
        flag("tns:AcceptedBooking", acceptedBooking)
        flag("tns:ReBookingPossible", reBookingPossible)
        if let reBookingDeadline { writer.element("tns:ReBookingDeadline", CopenhagenTime.format(reBookingDeadline)) }
        flag("tns:CancellationPossible", cancellationPossible)
        if let cancellationDeadline { writer.element("tns:CancellationDeadline", CopenhagenTime.format(cancellationDeadline)) }
        flag("tns:SelfBooked", selfBooked)
        flag("tns:CompulsoryAttendance", compulsoryAttendance)
        writer.element("tns:BookingStartTime", CopenhagenTime.format(bookingStartTime))
        if let bookingEndTime { writer.element("tns:BookingEndTime", CopenhagenTime.format(bookingEndTime)) }
        writer.element("tns:InterviewTypeIdentifier", String(interviewTypeIdentifier))
        writer.element("tns:InterviewFormTypeIdentifier", String(interviewFormTypeIdentifier))
        writer.element("tns:MeetingTitle", meetingTitle.limited(to: 100, orIfEmpty: "-"))
        if let meetingDescription, !meetingDescription.isEmpty {
            writer.element("tns:MeetingDescription", meetingDescription.limited(to: 500))
        }
        flag("tns:ImmediateBooking", immediateBooking)
        interviewSupervisor.write(as: "tns:InterviewSupervisor", to: &writer)
        location?.write(to: &writer)
        if telephoneNumber != nil || citizenMustCall != nil {
            writer.open("tns:InterviewContactDetail")
            if let telephoneNumber { writer.element("tns:TelephoneNumberIdentifier", telephoneNumber) }
            if let citizenMustCall { flag("tns:CitizenMustCall", citizenMustCall) }
            writer.close("tns:InterviewContactDetail")
        }
        writer.element("tns:InterviewContactTypeIdentifier", String(interviewContactTypeIdentifier))
        flag("tns:ShowCaseWorkerName", showCaseWorkerName)
        writer.close(element)
    }
}
